using HallDevices.QueueServer.Storage;

namespace HallDevices.QueueServer.Tests.Storage;

public class TimedSignalTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(20);

    [Fact]
    public async Task A_wait_ends_when_the_providers_clock_says_the_time_is_up_not_before()
    {
        var time = new WatchedTime();
        using var signal = new TimedSignal(time);
        var wait = Task.Factory.StartNew(() => signal.Wait(Window), TaskCreationOptions.LongRunning);

        time.WaitUntilArmed(Window);
        time.Advance(TimeSpan.FromMilliseconds(19));
        Assert.False(await Within(wait, TimeSpan.FromMilliseconds(200)), "woke before its time on the fake clock");
        time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.False(await wait.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_set_ends_the_wait_at_once_and_a_set_before_the_wait_is_kept_for_it()
    {
        var time = new WatchedTime();
        using var signal = new TimedSignal(time);
        var wait = Task.Factory.StartNew(() => signal.Wait(TimeSpan.FromMinutes(1)), TaskCreationOptions.LongRunning);

        signal.Set();
        Assert.True(await wait.WaitAsync(TimeSpan.FromSeconds(10)));

        signal.Set();
        signal.Set();
        Assert.True(signal.Wait(TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task A_timer_that_fired_for_an_earlier_wait_that_was_set_does_not_cut_the_next_wait_short()
    {
        var time = new WatchedTime();
        using var signal = new TimedSignal(time);
        signal.Set();
        Assert.True(signal.Wait(Window));
        time.Advance(Window); // its timer fires with nobody waiting

        var wait = Task.Factory.StartNew(() => signal.Wait(TimeSpan.FromMilliseconds(50)), TaskCreationOptions.LongRunning);
        time.WaitUntilArmed(TimeSpan.FromMilliseconds(50), times: 2); // woken by the old timer, armed again
        time.Advance(TimeSpan.FromMilliseconds(49));
        Assert.False(await Within(wait, TimeSpan.FromMilliseconds(200)), "the earlier wait's timer ended this one");
        time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.False(await wait.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void Waiting_on_the_system_clock_allocates_nothing_once_warm()
    {
        using var signal = new TimedSignal(TimeProvider.System);
        signal.Set();
        signal.Wait(Window);
        signal.Wait(TimeSpan.FromMilliseconds(1));

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10; i++)
        {
            signal.Set();
            signal.Wait(Window);
            signal.Wait(TimeSpan.FromMilliseconds(1));
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void On_the_system_clock_a_set_wakes_the_wait_once_and_an_unset_wait_ends_at_its_timeout()
    {
        using var signal = new TimedSignal(TimeProvider.System);
        signal.Set();
        Assert.True(signal.Wait(TimeSpan.FromSeconds(10)));

        // Auto-reset: the set was used up by the first wait.
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        Assert.False(signal.Wait(TimeSpan.FromMilliseconds(50)));
        Assert.True(System.Diagnostics.Stopwatch.GetElapsedTime(started) >= TimeSpan.FromMilliseconds(45));
    }

    /// <summary>Whether <paramref name="task"/> ends within <paramref name="time"/> (real time).</summary>
    internal static async Task<bool> Within(Task task, TimeSpan time) => await Task.WhenAny(task, Task.Delay(time)) == task;
}
