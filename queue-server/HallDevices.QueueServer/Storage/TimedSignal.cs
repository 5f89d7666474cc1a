namespace HallDevices.QueueServer.Storage;

/// <summary>
/// An auto-reset signal whose timed waits a <see cref="TimeProvider"/> measures, so the store's
/// threads sleep on the clock they were given (a fake one in tests). A signal nobody sets is a
/// sleep.
/// </summary>
/// <remarks>
/// One timer, made once and re-armed for each wait, sets the same event a <see cref="Set"/> does:
/// waiting allocates nothing, which matters on the writer threads that wait once per batch. A
/// flag tells a <see cref="Set"/> from the timer; a timer firing late for an earlier wait, or a
/// little before the provider's own clock says the time is up, just re-arms it for what is left.
/// One thread waits at a time. On the system clock the wait is timed by the OS instead, as the
/// store's threads always were: a timer callback needs a thread-pool thread, and a starved pool
/// would stretch the writer's gather window and stall check.
/// </remarks>
internal sealed class TimedSignal : IDisposable
{
    private readonly TimeProvider _time;
    private readonly AutoResetEvent _event = new(false);
    private readonly ITimer _timer;
    private readonly bool _system;
    private int _set;

    /// <summary>Creates the signal, not set.</summary>
    public TimedSignal(TimeProvider time)
    {
        _time = time;
        _system = ReferenceEquals(time, TimeProvider.System);
        _timer = time.CreateTimer(static s => ((TimedSignal)s!).Elapsed(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Wakes the waiting thread, or the next one to wait.</summary>
    public void Set()
    {
        Volatile.Write(ref _set, 1);
        _event.Set();
    }

    /// <summary>Waits until <see cref="Set"/> (true) or until <paramref name="timeout"/> has passed on the provider's clock (false).</summary>
    public bool Wait(TimeSpan timeout)
    {
        if (_system)
        {
            var set = _event.WaitOne(timeout);
            if (set)
            {
                Interlocked.Exchange(ref _set, 0);
            }

            return set;
        }

        var started = _time.GetTimestamp();
        var left = timeout;
        while (true)
        {
            _timer.Change(left, Timeout.InfiniteTimeSpan);
            _event.WaitOne();
            if (Interlocked.Exchange(ref _set, 0) == 1)
            {
                return true;
            }

            left = timeout - _time.GetElapsedTime(started);
            if (left <= TimeSpan.Zero)
            {
                return false;
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _timer.Dispose();
        _event.Dispose();
    }

    private void Elapsed()
    {
        try
        {
            _event.Set();
        }
        catch (ObjectDisposedException)
        {
            // A timer callback already on its way when the signal was disposed: nobody waits any more.
        }
    }
}
