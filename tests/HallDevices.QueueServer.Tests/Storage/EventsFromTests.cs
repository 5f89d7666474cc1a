using HallDevices.Queueing.Engine;
using HallDevices.Queueing.Halls;
using HallDevices.Queueing.Tickets;
using HallDevices.QueueServer.Storage;
using HallDevices.Testing;
using LiteDB;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace HallDevices.QueueServer.Tests.Storage;

/// <summary>
/// <see cref="HallStore.EventsFrom(DateTimeOffset)"/>: a report's read of the log from an instant
/// to the end, found by a binary search on the sequence and read in pages.
/// </summary>
public class EventsFromTests
{
    private static readonly HallDefinition Hall = HallFile.Load(Repo.SampleHallFile);
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    [Fact]
    public void Every_event_at_or_after_the_instant_comes_oldest_first_across_pages_and_none_before()
    {
        var path = Path.Combine(TempDir.Create("from"), "hall.db");
        using var store = new HallStore(path);
        var all = ThreeDays(store);
        var instants = new List<DateTimeOffset>
        {
            all[0].At.AddDays(-1),
            all[0].At,
            new(2026, 11, 25, 0, 0, 0, China),
            new(2026, 11, 26, 0, 0, 0, China),
            all[40].At,

            // A tick after an event: the database keeps milliseconds, the log keeps ticks.
            all[40].At.AddTicks(1),
            all[^1].At,
            all[^1].At.AddTicks(1),
        };

        foreach (var from in instants)
        {
            var expected = all.Where(e => e.At >= from).Select(e => e.Sequence).ToList();
            Assert.Equal(expected, store.EventsFrom(from, pageSize: 7).Select(e => e.Sequence).ToList());
        }
    }

    [Fact]
    public void The_change_committed_just_before_the_read_is_in_it_though_the_writer_may_not_have_written_it()
    {
        var path = Path.Combine(TempDir.Create("from"), "hall.db");
        using var store = new HallStore(path);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 9, 0, 0, China));
        var engine = HallEngine.Restore(Hall, store, time, HallSnapshot.Empty);
        for (var i = 0; i < 50; i++)
        {
            engine.Issue(new IssueTicketCommand("consultation", "kiosk"));
            time.Advance(TimeSpan.FromSeconds(3));
        }

        var all = store.EventsAfter(0, 1000);
        Assert.Equal(all.Select(e => e.Sequence), store.EventsFrom(time.GetUtcNow().AddHours(-1)).Select(e => e.Sequence));
        Assert.Equal(all[^1].Sequence, store.EventsFrom(all[^1].At).Single().Sequence);
    }

    [Fact]
    public void An_empty_log_and_an_instant_after_the_last_event_give_no_events()
    {
        var path = Path.Combine(TempDir.Create("from"), "hall.db");
        using (var store = new HallStore(path))
        {
            Assert.Empty(store.EventsFrom(DateTimeOffset.MinValue));
            var all = ThreeDays(store);
            Assert.Empty(store.EventsFrom(all[^1].At.AddSeconds(1)));
        }

        // And from the database file alone, as the report command reads it.
        using var db = new LiteHallStore(path);
        Assert.Equal(12, db.EventsFrom(new DateTimeOffset(2026, 11, 26, 0, 0, 0, China), pageSize: 5).Count(e => e is TicketIssued));
    }

    [Fact]
    public void The_events_collection_keeps_its_one_index_so_writes_cost_what_they_did()
    {
        var path = Path.Combine(TempDir.Create("from"), "hall.db");
        using (var store = new HallStore(path))
        {
            ThreeDays(store);
            Assert.NotEmpty(store.EventsFrom(new DateTimeOffset(2026, 11, 25, 0, 0, 0, China)));
        }

        using var db = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct, ReadOnly = true });
        var indexes = db.GetCollection("$indexes").Find(Query.EQ("collection", "events")).Select(d => d["name"].AsString).ToList();
        Assert.Equal(["_id"], indexes);
    }

    [Fact]
    public void A_second_store_on_the_same_file_is_told_the_hall_is_in_use_until_the_first_closes()
    {
        var path = Path.Combine(TempDir.Create("from"), "hall.db");
        var first = new HallStore(path);

        var e = Assert.Throws<HallStoreInUseException>(() => new HallStore(path));
        Assert.Equal(path, e.FilePath);

        first.Dispose();
        using (new HallStore(path))
        {
        }

        // A killed process's lock goes with it.
        var dying = new HallStore(path, NullLogger.Instance, segmentBytes: 1 << 20, background: false);
        dying.Abandon();
        using var after = new HallStore(path);
        Assert.Empty(after.EventsFrom(DateTimeOffset.MinValue));
    }

    /// <summary>Twelve tickets a day on 24–26 November (issued, called, finished; odd fractions of a second apart), every event of the log.</summary>
    private static List<HallEvent> ThreeDays(HallStore store)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 9, 0, 0, China));
        var engine = HallEngine.Restore(Hall, store, time, HallSnapshot.Empty);
        for (var day = 0; day < 3; day++)
        {
            time.SetUtcNow(new DateTimeOffset(2026, 11, 24 + day, 9, 0, 0, China));
            engine.Login("w5", "li");
            for (var i = 0; i < 12; i++)
            {
                engine.Issue(new IssueTicketCommand("consultation", "kiosk"));
                time.Advance(TimeSpan.FromTicks(1_234_567));
                engine.CallNext("w5");
                time.Advance(TimeSpan.FromTicks(98_765_4321));
                engine.Finish("w5");
                time.Advance(TimeSpan.FromTicks(5_000_001));
            }

            engine.Logout("w5");
        }

        return [.. store.EventsAfter(0, 10_000)];
    }
}
