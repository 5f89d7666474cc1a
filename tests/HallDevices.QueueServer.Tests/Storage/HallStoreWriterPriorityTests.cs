using System.Diagnostics;
using System.Globalization;
using HallDevices.Queueing.Engine;
using HallDevices.Queueing.Halls;
using HallDevices.Queueing.Tickets;
using HallDevices.QueueServer.Storage;
using HallDevices.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace HallDevices.QueueServer.Tests.Storage;

/// <summary>
/// The hall store's database writer runs at idle priority so it never holds a CPU a request
/// needs; these prove it does, and that the catch-up thread still gets every change into the
/// database when busy threads leave the idle writer no CPU at all.
/// </summary>
public class HallStoreWriterPriorityTests
{
    private const int SchedOther = 0;
    private const int SchedIdle = 5;

    // Below DatabaseWriter.CatchUpBacklog, so only the stall check can call the catch-up thread in;
    // enough that a starved idle writer would need far longer than the test allows.
    private const int Changes = 1_900;

    private static readonly HallDefinition Hall = HallFile.Load(Repo.SampleHallFile);

    [Fact]
    public void The_database_writer_runs_at_idle_priority_and_the_catch_up_thread_at_normal_priority()
    {
        // Thread names are cut to 15 characters in /proc: "hall-store " plus four of the file name.
        var tag = "p" + Random.Shared.Next(1000).ToString("000", CultureInfo.InvariantCulture);
        using var store = new HallStore(Path.Combine(TempDir.Create("store"), tag + ".db"));

        var writer = WaitForThread("hall-store " + tag, SchedIdle);
        var catchUp = WaitForThread("hall-catch " + tag, SchedOther);

        Assert.Equal(SchedIdle, writer);
        Assert.Equal(SchedOther, catchUp);
    }

    [Fact]
    public void Recent_events_are_read_from_memory_while_the_database_does_not_hold_them_yet()
    {
        // No writer at all: the changes are only in the journal, as when the writer is starved.
        var store = new HallStore(Path.Combine(TempDir.Create("store"), "hall.db"), NullLogger.Instance, segmentBytes: 1 << 20, background: false);
        try
        {
            IssueTickets(NewEngine(store), 5);

            Assert.Equal([1L, 2, 3, 4, 5], store.EventsAfter(0, 100).Select(e => e.Sequence));
            Assert.Equal([3L, 4], store.EventsAfter(2, 2).Select(e => e.Sequence));
            Assert.Empty(store.EventsAfter(5, 100));
            Assert.All(store.EventsAfter(0, 100), e => Assert.Equal("ticket-issued", e.Type));
        }
        finally
        {
            store.Abandon();
        }
    }

    [Fact]
    public void Events_older_than_those_kept_in_memory_come_from_the_database_and_the_memory_wraps_around()
    {
        using var store = new HallStore(Path.Combine(TempDir.Create("store"), "hall.db"));
        IssueTickets(NewEngine(store), HallStore.RecentEvents + 10);

        // Memory holds events 11 to RecentEvents + 10, slot = sequence mod RecentEvents.
        const long last = HallStore.RecentEvents + 10;
        Assert.Equal(Enumerable.Range(1, (int)last).Select(i => (long)i), store.EventsAfter(0, 20_000).Select(e => e.Sequence));
        Assert.Equal([11L, 12, 13], store.EventsAfter(10, 3).Select(e => e.Sequence));
        Assert.Equal([10L, 11, 12], store.EventsAfter(9, 3).Select(e => e.Sequence));
        Assert.Equal([last - 1, last], store.EventsAfter(last - 2, 100).Select(e => e.Sequence));
    }

    [Fact]
    public void Changes_reach_the_database_without_any_reader_while_busy_threads_starve_the_idle_writer()
    {
        using var store = new HallStore(Path.Combine(TempDir.Create("store"), "hall.db"));
        var engine = NewEngine(store);

        // One change first, on an idle CPU: the first batch (the catch-up thread's, as it compiles
        // LiteDB's write path) is not what this test is about.
        IssueTickets(engine, 1);
        WaitUntil(() => store.Backlog == 0, TimeSpan.FromSeconds(10));
        using (CpuHog.Start())
        {
            IssueTickets(engine, Changes);

            // Starved, the idle writer alone would need minutes; the catch-up thread needs about a
            // second, plus at worst the small batch the idle writer holds when it is starved (a
            // few seconds: it gets about 0.2% of a CPU).
            WaitUntil(() => store.Backlog == 0, TimeSpan.FromSeconds(30));
        }

        Assert.Equal(0, store.Backlog);
        Assert.True(store.AppliedByCatchUp > 0, "the stall check handed the waiting changes to the catch-up thread");
    }

    private static void WaitUntil(Func<bool> condition, TimeSpan within)
    {
        var waited = Stopwatch.StartNew();
        while (!condition() && waited.Elapsed < within)
        {
            Thread.Sleep(20);
        }
    }

    private static HallEngine NewEngine(HallStore store)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.FromHours(8)));
        return HallEngine.Restore(Hall, store, time, store.Load(new DateOnly(2026, 11, 27)));
    }

    private static void IssueTickets(HallEngine engine, int count)
    {
        for (var i = 0; i < count; i++)
        {
            Assert.True(engine.Issue(new IssueTicketCommand("consultation", "kiosk")).IsOk);
        }
    }

    /// <summary>Waits up to 5 s for a thread of this process named <paramref name="name"/> to reach <paramref name="policy"/>; returns its policy then.</summary>
    private static int WaitForThread(string name, int policy)
    {
        var waited = Stopwatch.StartNew();
        int? seen = null;
        while (waited.Elapsed < TimeSpan.FromSeconds(5))
        {
            foreach (var task in Directory.GetDirectories("/proc/self/task"))
            {
                string comm, stat;
                try
                {
                    comm = File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n');
                    stat = File.ReadAllText(Path.Combine(task, "stat"));
                }
                catch (IOException)
                {
                    continue; // the thread ended meanwhile
                }

                if (comm == name)
                {
                    // proc(5): field 41 is the policy; fields are counted after the "(comm)" one, which may hold spaces.
                    seen = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[41 - 3], CultureInfo.InvariantCulture);
                    if (seen == policy)
                    {
                        return policy;
                    }
                }
            }

            Thread.Sleep(10);
        }

        return seen ?? throw new InvalidOperationException($"no thread named '{name}' in this process");
    }

    /// <summary>Two busy normal-priority threads per CPU this process may use: an idle-priority thread gets almost no CPU time while they run.</summary>
    private sealed class CpuHog : IDisposable
    {
        private readonly List<Thread> _threads = [];
        private volatile bool _stop;

        public static CpuHog Start()
        {
            var hog = new CpuHog();
            // ProcessorCount follows a cgroup CPU quota; the affinity mask counts every CPU a thread may land on.
            var cpus = Math.Max(Environment.ProcessorCount, System.Numerics.BitOperations.PopCount((ulong)Process.GetCurrentProcess().ProcessorAffinity));
            for (var i = 0; i < 2 * cpus; i++)
            {
                var thread = new Thread(() =>
                {
                    while (!hog._stop)
                    {
                        Thread.SpinWait(1_000);
                    }
                }) { IsBackground = true, Name = "cpu-hog" };
                thread.Start();
                hog._threads.Add(thread);
            }

            return hog;
        }

        public void Dispose()
        {
            _stop = true;
            foreach (var thread in _threads)
            {
                thread.Join();
            }
        }
    }
}
