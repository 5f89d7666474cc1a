using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace HallDevices.QueueServer.Tests.Storage;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also counts how often a timer was armed for each due
/// time, so a test advances the clock only once the thread it is about has started waiting
/// (advancing earlier would not count towards that wait).
/// </summary>
internal sealed class WatchedTime : TimeProvider
{
    private readonly Dictionary<TimeSpan, int> _armed = [];

    public FakeTimeProvider Fake { get; } = new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.FromHours(8)));

    public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();

    public override long GetTimestamp() => Fake.GetTimestamp();

    public override long TimestampFrequency => Fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => Fake.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new Watched(this, Fake.CreateTimer(callback, state, dueTime, period));
        Armed(dueTime);
        return timer;
    }

    public void Advance(TimeSpan by) => Fake.Advance(by);

    /// <summary>How many times a timer was armed to fire after <paramref name="due"/>.</summary>
    public int ArmedFor(TimeSpan due)
    {
        lock (_armed)
        {
            return _armed.GetValueOrDefault(due);
        }
    }

    /// <summary>Waits (real time, at most 10 s) until a timer was armed for <paramref name="due"/> at least <paramref name="times"/> times.</summary>
    public void WaitUntilArmed(TimeSpan due, int times = 1)
    {
        var waited = Stopwatch.StartNew();
        while (ArmedFor(due) < times)
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(10))
            {
                throw new TimeoutException($"no timer was armed for {due} {times} time(s) (armed {ArmedFor(due)})");
            }

            Thread.Sleep(5);
        }
    }

    private void Armed(TimeSpan due)
    {
        if (due != Timeout.InfiniteTimeSpan)
        {
            lock (_armed)
            {
                _armed[due] = _armed.GetValueOrDefault(due) + 1;
            }
        }
    }

    private sealed class Watched(WatchedTime owner, ITimer inner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            var changed = inner.Change(dueTime, period);
            owner.Armed(dueTime);
            return changed;
        }

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
