using HallDevices.Queueing.Tickets;

namespace HallDevices.QueueServer.Storage;

/// <summary>
/// The last <see cref="Capacity"/> events committed, by sequence, so a reader filling a gap gets
/// them without waiting for the database writer. Not thread-safe: the store calls it under its
/// append lock.
/// </summary>
/// <param name="capacity">Events kept; an event's slot is its sequence modulo this.</param>
internal sealed class RecentEventRing(int capacity)
{
    private readonly HallEvent[] _events = new HallEvent[capacity];
    private long _last;
    private int _count;

    /// <summary>Events kept at most.</summary>
    public int Capacity => _events.Length;

    /// <summary>Keeps <paramref name="events"/>, which follow the last one kept.</summary>
    public void Add(IReadOnlyList<HallEvent> events)
    {
        foreach (var e in events)
        {
            if (_count > 0 && e.Sequence != _last + 1)
            {
                // Not the next in line (never expected: the engine numbers events without gaps);
                // start over rather than serve a list with a hole in it.
                _count = 0;
            }

            _events[e.Sequence % _events.Length] = e;
            _last = e.Sequence;
            _count = Math.Min(_count + 1, _events.Length);
        }
    }

    /// <summary>
    /// Events after <paramref name="afterSequence"/>, oldest first, at most <paramref name="limit"/>,
    /// when every one of them is kept here; otherwise null (the caller asks the database).
    /// </summary>
    public List<HallEvent>? After(long afterSequence, int limit)
    {
        if (_count == 0 || afterSequence + 1 < _last - _count + 1)
        {
            return null;
        }

        var events = new List<HallEvent>((int)Math.Clamp(_last - afterSequence, 0, limit));
        for (var sequence = afterSequence + 1; sequence <= _last && events.Count < limit; sequence++)
        {
            events.Add(_events[sequence % _events.Length]);
        }

        return events;
    }
}
