using HallDevices.Queueing.Engine;
using HallDevices.Queueing.Halls;
using HallDevices.QueueServer.Storage;
using HallDevices.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace HallDevices.QueueServer.Tests.Storage;

/// <summary>Who asked for each event (<c>HallEvent.By</c>) is kept by the journal and the database across a restart.</summary>
public class EventAttributionStorageTests
{
    private static readonly HallDefinition Hall = HallFile.Load(Repo.SampleHallFile);

    /// <summary>By of each event the commands of <see cref="RunCommands"/> emit, in log order.</summary>
    private static readonly string?[] ExpectedBy = ["li", "api:portal", null, "mgr01"];

    [Fact]
    public void Who_asked_for_each_event_is_read_back_from_the_database_after_a_clean_restart()
    {
        var path = Path.Combine(TempDir.Create("by"), "hall.db");
        using (var store = new HallStore(path))
        {
            RunCommands(store);
        }

        using var restarted = new HallStore(path);

        // A new store has no recent events in memory: these come from LiteDB.
        Assert.Equal(ExpectedBy, restarted.EventsAfter(0, 10).Select(e => e.By));
        Assert.Equal("mgr01", restarted.Latest(new HashSet<string> { "ticket-called" }, 1).Single().By);
    }

    [Fact]
    public void Who_asked_for_each_event_survives_a_kill_when_only_the_journal_had_it()
    {
        var path = Path.Combine(TempDir.Create("by"), "hall.db");
        var dying = new HallStore(path, NullLogger.Instance, segmentBytes: 1 << 20, background: false);
        RunCommands(dying);
        dying.Abandon();
        var journal = File.ReadAllText(Directory.GetFiles(Path.GetDirectoryName(path)!, "hall.journal.*").Single());
        Assert.Contains("\"by\":\"api:portal\"", journal, StringComparison.Ordinal);

        using var restarted = new HallStore(path);

        Assert.Equal(ExpectedBy, restarted.EventsAfter(0, 10).Select(e => e.By));
    }

    /// <summary>A sign-in by the staff member, a ticket from an integrator, one from a kiosk, a call by a manager.</summary>
    private static void RunCommands(HallStore store)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.FromHours(8)));
        var engine = HallEngine.Restore(Hall, store, time, HallSnapshot.Empty);
        Assert.True(engine.Login("w5", "li", by: "li").IsOk);
        Assert.True(engine.Issue(new IssueTicketCommand("consultation", "mobile"), by: "api:portal").IsOk);
        Assert.True(engine.Issue(new IssueTicketCommand("consultation", "kiosk", "kiosk-01")).IsOk);
        Assert.True(engine.CallNext("w5", by: "mgr01").IsOk);
    }
}
