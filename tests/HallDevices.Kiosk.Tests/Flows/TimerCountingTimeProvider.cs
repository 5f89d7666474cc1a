using Microsoft.Extensions.Time.Testing;

namespace HallDevices.Kiosk.Tests.Flows;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that counts the timers made on it, so a test advances the clock
/// only after the code under test has started its wait (advancing earlier would skip past it).
/// </summary>
internal sealed class TimerCountingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private int _timers;

    public int TimersCreated => Volatile.Read(ref _timers);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Interlocked.Increment(ref _timers);
        return base.CreateTimer(callback, state, dueTime, period);
    }
}
