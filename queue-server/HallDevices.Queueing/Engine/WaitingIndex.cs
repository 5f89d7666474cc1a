using HallDevices.Queueing.Tickets;

namespace HallDevices.Queueing.Engine;

/// <summary>
/// The waiting tickets of a hall, ordered the way call-next looks at them: per queue a FIFO of
/// ordinary tickets and a priority list, and per counter the tickets transferred to it.
/// </summary>
internal sealed class WaitingIndex
{
    private readonly Dictionary<string, SortedSet<Ticket>> _normal = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedSet<Ticket>> _priority = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedSet<Ticket>> _targeted = new(StringComparer.Ordinal);

    public void Add(Ticket t)
    {
        if (t.TargetCounterId is { } counter)
        {
            Set(_targeted, counter, TransferOrder.Instance).Add(t);
        }
        else if (t.Priority != TicketPriority.Normal)
        {
            Set(_priority, t.QueueId, PriorityOrder.Instance).Add(t);
        }
        else
        {
            Set(_normal, t.QueueId, IssueOrder.Instance).Add(t);
        }
    }

    public void Remove(Ticket t)
    {
        var removed = t.TargetCounterId is { } counter
            ? _targeted.TryGetValue(counter, out var s) && s.Remove(t)
            : t.Priority != TicketPriority.Normal
                ? _priority.TryGetValue(t.QueueId, out var p) && p.Remove(t)
                : _normal.TryGetValue(t.QueueId, out var n) && n.Remove(t);
        if (!removed)
        {
            throw new InvalidOperationException($"ticket {t.Id} was not in the waiting index");
        }
    }

    /// <summary>The oldest transfer addressed to this counter.</summary>
    public Ticket? TargetedAt(string counterId) =>
        _targeted.TryGetValue(counterId, out var s) && s.Count > 0 ? s.Min : null;

    /// <summary>The first priority ticket of a queue (highest class, then oldest).</summary>
    public Ticket? PriorityHead(string queueId) =>
        _priority.TryGetValue(queueId, out var s) && s.Count > 0 ? s.Min : null;

    /// <summary>The oldest ordinary ticket of a queue.</summary>
    public Ticket? NormalHead(string queueId) =>
        _normal.TryGetValue(queueId, out var s) && s.Count > 0 ? s.Min : null;

    /// <summary>Waiting tickets of a queue, transferred-to-counter ones included.</summary>
    public int CountIn(string queueId) =>
        (_normal.TryGetValue(queueId, out var n) ? n.Count : 0)
        + (_priority.TryGetValue(queueId, out var p) ? p.Count : 0)
        + _targeted.Values.Sum(s => s.Count(t => t.QueueId == queueId));

    /// <summary>The oldest waiting ticket of a queue in any list.</summary>
    public Ticket? Oldest(string queueId)
    {
        Ticket? oldest = null;
        foreach (var t in new[] { NormalHead(queueId), _priority.TryGetValue(queueId, out var p) ? p.MinBy(x => x.IssuedAt) : null }
                     .Concat(_targeted.Values.SelectMany(s => s.Where(x => x.QueueId == queueId))))
        {
            if (t is not null && (oldest is null || IssueOrder.Instance.Compare(t, oldest) < 0))
            {
                oldest = t;
            }
        }

        return oldest;
    }

    /// <summary>How many tickets of the queue would be called before <paramref name="t"/> if nothing else arrived.</summary>
    public int Ahead(Ticket t)
    {
        if (t.TargetCounterId is { } counter)
        {
            return _targeted.TryGetValue(counter, out var s) ? s.GetViewBetween(s.Min!, t).Count - 1 : 0;
        }

        var priority = _priority.TryGetValue(t.QueueId, out var p) ? p : null;
        if (t.Priority != TicketPriority.Normal)
        {
            return priority is null ? 0 : priority.GetViewBetween(priority.Min!, t).Count - 1;
        }

        // A ticket just issued is the newest: answer in O(1) instead of walking the queue.
        var normal = !_normal.TryGetValue(t.QueueId, out var n) ? 0
            : ReferenceEquals(n.Max, t) ? n.Count - 1
            : n.GetViewBetween(n.Min!, t).Count - 1;
        return normal + (priority?.Count ?? 0);
    }

    private static SortedSet<Ticket> Set(Dictionary<string, SortedSet<Ticket>> sets, string key, IComparer<Ticket> order)
    {
        if (!sets.TryGetValue(key, out var set))
        {
            set = new SortedSet<Ticket>(order);
            sets[key] = set;
        }

        return set;
    }

    /// <summary>Original issue time, then day and number; the id makes the order total.</summary>
    internal sealed class IssueOrder : IComparer<Ticket>
    {
        public static readonly IssueOrder Instance = new();

        public int Compare(Ticket? x, Ticket? y)
        {
            ArgumentNullException.ThrowIfNull(x);
            ArgumentNullException.ThrowIfNull(y);
            var c = x.IssuedAt.CompareTo(y.IssuedAt);
            if (c == 0)
            {
                c = x.ServiceDay.CompareTo(y.ServiceDay);
            }

            if (c == 0)
            {
                c = x.Sequence.CompareTo(y.Sequence);
            }

            return c != 0 ? c : string.CompareOrdinal(x.Id, y.Id);
        }
    }

    private sealed class PriorityOrder : IComparer<Ticket>
    {
        public static readonly PriorityOrder Instance = new();

        public int Compare(Ticket? x, Ticket? y)
        {
            ArgumentNullException.ThrowIfNull(x);
            ArgumentNullException.ThrowIfNull(y);
            var c = y.Priority.CompareTo(x.Priority);
            return c != 0 ? c : IssueOrder.Instance.Compare(x, y);
        }
    }

    private sealed class TransferOrder : IComparer<Ticket>
    {
        public static readonly TransferOrder Instance = new();

        public int Compare(Ticket? x, Ticket? y)
        {
            ArgumentNullException.ThrowIfNull(x);
            ArgumentNullException.ThrowIfNull(y);
            var c = Nullable.Compare(x.TransferredAt, y.TransferredAt);
            return c != 0 ? c : IssueOrder.Instance.Compare(x, y);
        }
    }
}
