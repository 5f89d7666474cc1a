using HallDevices.QueueServer.Storage;
using HallDevices.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace HallDevices.QueueServer.Tests.Storage;

public class JournalReplayTests
{
    [Fact]
    public void Records_the_database_holds_are_skipped_and_a_file_it_holds_entirely_is_not_even_read()
    {
        var path = Path.Combine(TempDir.Create("replay"), "xinqiao.db");
        var prefix = JournalSegments.PrefixFor(path);
        using var db = new LiteHallStore(path);
        db.Apply([JournalSegmentsTests.LoggedIn(1), JournalSegmentsTests.LoggedIn(2)], journalNumber: 2);

        // File 1 (records 1-2) is left over from a failed delete, damaged: it does not matter.
        File.WriteAllText(prefix + "000000000001", "not a record\n");
        using (var journal = new JournalSegments(prefix, segmentBytes: 1 << 20, first: 2))
        {
            journal.Append(2, JournalSegmentsTests.LoggedIn(2));
            journal.Append(3, JournalSegmentsTests.LoggedIn(3));
        }

        Assert.Equal(3, JournalReplay.Run(db, prefix, NullLogger.Instance));

        Assert.Equal(3, db.JournalApplied);
        Assert.Equal([1L, 2, 3], db.EventsAfter(0, 10).Select(e => e.Sequence));
        Assert.Empty(JournalSegments.Find(prefix));
    }

    [Fact]
    public void A_missing_record_stops_start_up_after_applying_the_records_before_it()
    {
        var path = Path.Combine(TempDir.Create("replay"), "xinqiao.db");
        var prefix = JournalSegments.PrefixFor(path);
        using (var journal = new JournalSegments(prefix, segmentBytes: 1 << 20, first: 1))
        {
            journal.Append(1, JournalSegmentsTests.LoggedIn(1));
            journal.Append(3, JournalSegmentsTests.LoggedIn(3));
        }

        using var db = new LiteHallStore(path);
        var e = Assert.Throws<InvalidDataException>(() => JournalReplay.Run(db, prefix, NullLogger.Instance));

        Assert.Contains("line 2", e.Message, StringComparison.Ordinal);
        Assert.Contains("record 3 follows record 1: records are missing", e.Message, StringComparison.Ordinal);
        Assert.Equal(1, db.JournalApplied);
        Assert.Single(JournalSegments.Find(prefix));
    }

    [Fact]
    public void Without_a_journal_nothing_is_applied_and_the_database_is_left_as_it_is()
    {
        var path = Path.Combine(TempDir.Create("replay"), "xinqiao.db");
        using var db = new LiteHallStore(path);
        db.Apply([JournalSegmentsTests.LoggedIn(1)], journalNumber: 1);

        Assert.Equal(1, JournalReplay.Run(db, JournalSegments.PrefixFor(path), NullLogger.Instance));
        Assert.Equal(1, db.JournalApplied);
    }
}
