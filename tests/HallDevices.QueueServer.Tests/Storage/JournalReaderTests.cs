using System.Text;
using System.Text.Json;
using HallDevices.Queueing.Tickets;
using HallDevices.QueueServer.Storage;

namespace HallDevices.QueueServer.Tests.Storage;

public class JournalReaderTests
{
    private const string Empty1 = """{"n":1,"events":[],"tickets":[],"counters":[]}""";
    private const string LoggedIn2 =
        """{"n":2,"events":[{"type":"counter-changed","counterId":"w5","action":"login","staffId":"li","status":"idle","sequence":1,"hallId":"xinqiao","at":"2026-11-27T09:00:00+08:00"}],"tickets":[],"counters":[]}""";

    [Fact]
    public void Whole_lines_are_read_as_numbered_records_with_their_events()
    {
        var reader = new JournalReader(Encoding.UTF8.GetBytes(Empty1 + "\n" + LoggedIn2 + "\n"));

        Assert.Equal(JournalRead.Record, reader.Next(out var first));
        Assert.Equal(1, first!.N);
        Assert.Empty(first.Events);
        Assert.Null(first.Request);
        Assert.Equal(JournalRead.Record, reader.Next(out var second));
        Assert.Equal(2, reader.Line);
        var loggedIn = Assert.IsType<CounterChanged>(Assert.Single(second!.Events));
        Assert.Equal(("w5", "login", "li", CounterStatus.Idle, 1L), (loggedIn.CounterId, loggedIn.Action, loggedIn.StaffId, loggedIn.Status, loggedIn.Sequence));
        Assert.Equal(JournalRead.End, reader.Next(out var none));
        Assert.Null(none);
    }

    [Fact]
    public void A_file_ending_inside_a_line_reports_the_line_and_the_bytes_left()
    {
        // 7B 22 6E 22 3A 33 = {"n":3, the start of a record whose write never returned.
        var bytes = Encoding.UTF8.GetBytes(Empty1 + "\n").Concat(Convert.FromHexString("7B226E223A33")).ToArray();
        var reader = new JournalReader(bytes);

        Assert.Equal(JournalRead.Record, reader.Next(out _));
        Assert.Equal(JournalRead.CutShort, reader.Next(out var record));
        Assert.Null(record);
        Assert.Equal(2, reader.Line);
        Assert.Equal(6, reader.Remaining);
    }

    [Fact]
    public void A_damaged_line_or_an_unknown_event_type_throws_with_the_line_counted()
    {
        var e = CatchFromNext(Encoding.UTF8.GetBytes(Empty1 + "\n" + LoggedIn2[..^1] + "#\n"), skip: 1);
        Assert.IsType<JsonException>(e.Exception, exactMatch: false);
        Assert.Equal(2, e.Line);

        var unknown = CatchFromNext(Encoding.UTF8.GetBytes(LoggedIn2.Replace("counter-changed", "counter-chang3d", StringComparison.Ordinal) + "\n"), skip: 0);
        Assert.True(unknown.Exception is JsonException or NotSupportedException, unknown.Exception.GetType().Name);
        Assert.Equal(1, unknown.Line);
    }

    private static (Exception Exception, int Line) CatchFromNext(byte[] bytes, int skip)
    {
        var reader = new JournalReader(bytes);
        for (var i = 0; i < skip; i++)
        {
            Assert.Equal(JournalRead.Record, reader.Next(out _));
        }

        try
        {
            reader.Next(out _);
        }
        catch (Exception e)
        {
            return (e, reader.Line);
        }

        throw new InvalidOperationException("the line was read as a record");
    }
}
