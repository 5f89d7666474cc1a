namespace HallDevices.QueueServer.Storage;

/// <summary>
/// The last journal record the database holds, which only grows, and the readers waiting for it
/// to reach a record. Their time limit runs on the <see cref="TimeProvider"/> given.
/// </summary>
/// <param name="applied">The record the database holds at the start.</param>
/// <param name="time">The clock of the readers' time limit.</param>
internal sealed class AppliedMark(long applied, TimeProvider time)
{
    private readonly object _gate = new();
    private long _applied = applied;

    /// <summary>The last record the database holds.</summary>
    public long Value => Volatile.Read(ref _applied);

    /// <summary>The database holds every record up to <paramref name="last"/>: wakes the readers waiting for it.</summary>
    public void Advance(long last)
    {
        lock (_gate)
        {
            _applied = Math.Max(_applied, last);
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Waits until the database holds record <paramref name="target"/>; <see cref="TimeoutException"/> after <paramref name="limit"/>.</summary>
    public void WaitFor(long target, TimeSpan limit)
    {
        lock (_gate)
        {
            if (_applied >= target)
            {
                return;
            }

            // The provider's timer ends the wait; it waits for the lock, so it cannot pulse before
            // this thread waits. One timer per waiting reader: readers wait rarely (never to answer).
            var deadline = new Deadline(_gate);
            using var timer = time.CreateTimer(static d => ((Deadline)d!).Pass(), deadline, limit, Timeout.InfiniteTimeSpan);
            while (_applied < target)
            {
                if (deadline.Passed)
                {
                    throw new TimeoutException($"the hall database is {target - _applied} change(s) behind its journal after {limit.TotalSeconds:0} s; see the log");
                }

                Monitor.Wait(_gate);
            }
        }
    }

    /// <summary>A reader's time limit: set by the provider's timer, under the gate the reader waits on.</summary>
    private sealed class Deadline(object gate)
    {
        public bool Passed { get; private set; }

        public void Pass()
        {
            lock (gate)
            {
                Passed = true;
                Monitor.PulseAll(gate);
            }
        }
    }
}
