using HallDevices.Queueing.Engine;
using HallDevices.Queueing.Halls;
using HallDevices.Queueing.Tickets;
using HallDevices.QueueServer.Storage;
using HallDevices.Testing;
using Microsoft.Extensions.Time.Testing;

namespace HallDevices.QueueServer.Tests.Storage;

public class LiteHallStoreTests
{
    private const int PageBytes = 8192;

    [Fact]
    public void The_database_log_is_copied_into_the_data_file_every_hundred_pages_so_it_never_grows_to_a_thousand()
    {
        var hall = HallFile.Load(Repo.SampleHallFile);
        var changes = new List<HallChange>();
        var engine = HallEngine.Restore(hall, new Recorder(changes), new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.FromHours(8))), HallSnapshot.Empty);
        engine.Login("w5", "li");
        for (var i = 0; i < 600; i++)
        {
            engine.Issue(new IssueTicketCommand("consultation", "kiosk"));
            engine.CallNext("w5");
            engine.Finish("w5");
        }

        var path = Path.Combine(TempDir.Create("lite"), "hall.db");
        var log = Path.Combine(Path.GetDirectoryName(path)!, "hall-log.db");
        long largestLog = 0;
        long logged = 0;
        using (var db = new LiteHallStore(path))
        {
            for (var i = 0; i < changes.Count; i++)
            {
                var before = File.Exists(log) ? new FileInfo(log).Length : 0;
                db.Apply([changes[i]], i + 1);
                var after = File.Exists(log) ? new FileInfo(log).Length : 0;
                logged += Math.Max(0, after - before);
                largestLog = Math.Max(largestLog, after);
            }

            Assert.Equal(changes.Count, db.JournalApplied);
        }

        // Enough was written to pass the LiteDB default of 1,000 log pages several times over, and
        // the log was emptied each time it passed 100 (plus the one transaction that crossed it).
        Assert.True(logged > 3 * 1000 * PageBytes, $"only {logged / PageBytes} pages were logged");
        Assert.InRange(largestLog, 1, (LiteHallStore.CheckpointPages + 20) * PageBytes);
    }

    private sealed class Recorder(List<HallChange> changes) : IHallJournal
    {
        public void Commit(HallChange change) => changes.Add(change);
    }
}
