using System.Text;
using HallDevices.Queueing.Engine;
using HallDevices.Queueing.Tickets;
using HallDevices.QueueServer.Storage;
using HallDevices.Testing;

namespace HallDevices.QueueServer.Tests.Storage;

public class JournalSegmentsTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 9, 0, 0, TimeSpan.FromHours(8));

    // The line of LoggedIn(1) as record 1, as it must stay readable by servers already deployed.
    private const string FirstLine =
        """{"n":1,"events":[{"type":"counter-changed","counterId":"w5","action":"login","staffId":"li","status":"idle","sequence":1,"hallId":"xinqiao","at":"2026-11-27T09:00:00+08:00"}],"tickets":[],"counters":[]}""";

    [Fact]
    public void A_record_is_one_json_line_named_by_its_number_in_a_file_named_by_its_first_record()
    {
        var prefix = Prefix();
        using (var journal = new JournalSegments(prefix, segmentBytes: 1 << 20, first: 1))
        {
            journal.Append(1, LoggedIn(1));
        }

        var bytes = File.ReadAllBytes(prefix + "000000000001");
        Assert.Equal(FirstLine + "\n", Encoding.UTF8.GetString(bytes));
        Assert.Equal((byte)'\n', bytes[^1]);
        Assert.Equal("7B226E223A312C", Convert.ToHexString(bytes.AsSpan(0, 7)));
    }

    [Fact]
    public void The_request_an_answer_belongs_to_is_journalled_and_a_missing_one_is_left_out()
    {
        var prefix = Prefix();
        using (var journal = new JournalSegments(prefix, segmentBytes: 1 << 20, first: 7))
        {
            journal.Append(7, new HallChange("xinqiao", [], [], []) { Request = new ProcessedRequest("r-1", "issue", "{\"ok\":true}", new DateOnly(2026, 11, 27)) });
            journal.Append(8, new HallChange("xinqiao", [], [], []));
        }

        Assert.Equal(
            [
                """{"n":7,"events":[],"tickets":[],"counters":[],"request":{"requestId":"r-1","kind":"issue","outcomeJson":"{\"ok\":true}","day":"2026-11-27"}}""",
                """{"n":8,"events":[],"tickets":[],"counters":[]}""",
            ],
            File.ReadAllLines(prefix + "000000000007"));
    }

    [Fact]
    public void A_new_file_starts_when_a_record_would_pass_the_segment_size_and_a_record_larger_than_a_segment_still_fits_in_an_empty_file()
    {
        var prefix = Prefix();
        var lineBytes = FirstLine.Length + 1;
        using (var journal = new JournalSegments(prefix, segmentBytes: 2 * lineBytes, first: 1))
        {
            for (var n = 1; n <= 5; n++)
            {
                journal.Append(n, LoggedIn(n));
            }
        }

        Assert.Equal(["000000000001", "000000000003", "000000000005"], JournalSegments.Find(prefix).Select(f => f.Path[prefix.Length..]));
        Assert.Equal(2, File.ReadAllLines(prefix + "000000000003").Length);

        var tiny = Prefix();
        using (var journal = new JournalSegments(tiny, segmentBytes: 1, first: 1))
        {
            journal.Append(1, LoggedIn(1));
            journal.Append(2, LoggedIn(2));
        }

        Assert.Equal([1L, 2], JournalSegments.Find(tiny).Select(f => f.First));
        Assert.Single(File.ReadAllLines(tiny + "000000000001"));
    }

    [Fact]
    public void Files_are_handed_back_once_every_record_in_them_is_applied_but_never_the_one_being_written()
    {
        var prefix = Prefix();
        var lineBytes = FirstLine.Length + 1;
        using var journal = new JournalSegments(prefix, segmentBytes: 2 * lineBytes, first: 1);
        for (var n = 1; n <= 5; n++)
        {
            journal.Append(n, LoggedIn(n)); // files 1 (1-2), 3 (3-4), 5 (5)
        }

        Assert.Empty(journal.TakeApplied(applied: 1, everything: false, last: 5));
        Assert.Equal([prefix + "000000000001"], journal.TakeApplied(applied: 3, everything: false, last: 5));
        Assert.Equal([prefix + "000000000003"], journal.TakeApplied(applied: 5, everything: false, last: 5));
        Assert.Empty(journal.TakeApplied(applied: 5, everything: false, last: 5));
        Assert.Equal([prefix + "000000000005"], journal.TakeApplied(applied: 5, everything: true, last: 5));
    }

    [Fact]
    public void The_journal_lives_beside_the_database_and_only_numbered_files_are_its_own()
    {
        var folder = TempDir.Create("journal");
        var prefix = JournalSegments.PrefixFor(Path.Combine(folder, "xinqiao.db"));
        File.WriteAllText(prefix + "000000000010", "");
        File.WriteAllText(prefix + "000000000002", "");
        File.WriteAllText(prefix + "notes", "");
        File.WriteAllText(Path.Combine(folder, "other.journal.000000000001"), "");

        Assert.Equal(Path.Combine(Path.GetFullPath(folder), "xinqiao.journal."), prefix);
        Assert.Equal(prefix + "000000000042", JournalSegments.FileName(prefix, 42));
        Assert.Equal([2L, 10], JournalSegments.Find(prefix).Select(f => f.First));
    }

    private static string Prefix() => JournalSegments.PrefixFor(Path.Combine(TempDir.Create("journal"), "xinqiao.db"));

    internal static HallChange LoggedIn(long sequence) =>
        new("xinqiao", [new CounterChanged { Sequence = sequence, HallId = "xinqiao", At = At, CounterId = "w5", Action = "login", StaffId = "li", Status = CounterStatus.Idle }], [], []);
}
