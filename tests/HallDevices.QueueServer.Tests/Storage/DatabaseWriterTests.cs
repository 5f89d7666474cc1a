using System.Diagnostics;
using HallDevices.QueueServer.Storage;
using HallDevices.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace HallDevices.QueueServer.Tests.Storage;

/// <summary>The database writer's timing, on a clock that only moves when the test says so.</summary>
public class DatabaseWriterTests
{
    [Fact]
    public void The_idle_writer_gathers_changes_for_the_group_window_on_its_clock_and_then_writes_them_together()
    {
        var time = new WatchedTime();
        using var store = WarmStore(time);

        for (var n = 2; n <= 6; n++)
        {
            store.Commit(JournalSegmentsTests.LoggedIn(n));
        }

        Thread.Sleep(200);
        Assert.Equal(5, store.Backlog);
        time.Advance(DatabaseWriter.GroupWindow - TimeSpan.FromMilliseconds(1));
        Thread.Sleep(100);
        Assert.Equal(5, store.Backlog);

        time.Advance(TimeSpan.FromMilliseconds(1));
        WaitUntil(() => store.Backlog == 0);
        Assert.Equal(0, store.Backlog);
        Assert.Equal(1, store.AppliedByCatchUp); // the idle writer wrote the five, not the catch-up thread
    }

    [Fact]
    public void A_reader_does_not_wait_out_the_window_the_catch_up_thread_writes_for_it()
    {
        var time = new WatchedTime();
        using var store = WarmStore(time);
        for (var n = 2; n <= 4; n++)
        {
            store.Commit(JournalSegmentsTests.LoggedIn(n));
        }

        Assert.Equal([1L, 2, 3, 4], store.Latest(new HashSet<string> { "counter-changed" }, 10).Select(e => e.Sequence).Reverse());
        WaitUntil(() => store.AppliedByCatchUp == 4);
        Assert.Equal(4, store.AppliedByCatchUp);
    }

    [Fact]
    public async Task Closing_the_store_does_not_wait_for_a_clock_that_does_not_run()
    {
        var time = new WatchedTime();
        var store = WarmStore(time);
        store.Commit(JournalSegmentsTests.LoggedIn(2));

        var closed = Task.Run(store.Dispose);

        Assert.True(await TimedSignalTests.Within(closed, TimeSpan.FromSeconds(10)), "Dispose waited for the fake clock");
        Assert.Equal(0, store.Backlog);
    }

    /// <summary>A store on <paramref name="time"/> whose first change is written (by the catch-up thread: it warms LiteDB up) and whose idle writer waits in its gathering window.</summary>
    private static HallStore WarmStore(WatchedTime time)
    {
        var store = new HallStore(Path.Combine(TempDir.Create("writer"), "hall.db"), NullLogger.Instance, segmentBytes: 1 << 20, background: true, time);
        store.Commit(JournalSegmentsTests.LoggedIn(1));
        store.WaitForDatabase();

        // Counted just after the readers are told.
        WaitUntil(() => store.AppliedByCatchUp == 1);
        Assert.Equal(1, store.AppliedByCatchUp);
        time.WaitUntilArmed(DatabaseWriter.GroupWindow);
        return store;
    }

    private static void WaitUntil(Func<bool> condition)
    {
        var waited = Stopwatch.StartNew();
        while (!condition() && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            Thread.Sleep(10);
        }
    }
}
