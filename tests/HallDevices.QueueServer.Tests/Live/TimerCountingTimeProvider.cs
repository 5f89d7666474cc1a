namespace HallDevices.QueueServer.Tests.Live;

/// <summary>
/// A <see cref="TimeProvider"/> over another one that counts the timers created through it and
/// those disposed, so a test can see whether a wait leaves a timer armed behind it.
/// </summary>
internal sealed class TimerCountingTimeProvider(TimeProvider inner) : TimeProvider
{
    private int _created;
    private int _disposed;

    /// <summary>Timers created and not yet disposed.</summary>
    public int Armed => Volatile.Read(ref _created) - Volatile.Read(ref _disposed);

    public int Created => Volatile.Read(ref _created);

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

    public override long GetTimestamp() => inner.GetTimestamp();

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Interlocked.Increment(ref _created);
        return new Counted(inner.CreateTimer(callback, state, dueTime, period), this);
    }

    private sealed class Counted(ITimer timer, TimerCountingTimeProvider owner) : ITimer
    {
        private int _done;

        public bool Change(TimeSpan dueTime, TimeSpan period) => timer.Change(dueTime, period);

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                Interlocked.Increment(ref owner._disposed);
            }

            timer.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
