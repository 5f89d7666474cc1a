using HallDevices.Queueing.Halls;
using HallDevices.Queueing.Tickets;

namespace HallDevices.Queueing.Engine;

/// <summary>
/// Which waiting ticket call-next gives a counter. Order: the oldest ticket transferred to this
/// counter; the first priority ticket of its queues (highest class, then oldest); the oldest queue
/// head past the hall's service-level wait; then the queue head with the highest weight × waiting
/// time (ties to the older ticket). The fallback window serves every queue.
/// </summary>
/// <remarks>
/// Reads only the heads the <see cref="WaitingIndex"/> keeps sorted: one look per served queue, no
/// walk over the waiting tickets, as call-next is on the request path (docs/perf.md).
/// </remarks>
internal sealed class CallPolicy(HallDefinition hall, WaitingIndex waiting)
{
    /// <summary>The ticket to call next at <paramref name="counter"/>, or null when nobody it serves waits.</summary>
    public Ticket? SelectNext(CounterDefinition counter, DateTimeOffset now)
    {
        if (waiting.TargetedAt(counter.Id) is { } targeted)
        {
            return targeted;
        }

        var served = hall.QueuesServedBy(counter);
        Ticket? best = null;
        foreach (var q in served)
        {
            if (waiting.PriorityHead(q.QueueId) is { } p
                && (best is null || p.Priority > best.Priority || (p.Priority == best.Priority && WaitingIndex.IssueOrder.Instance.Compare(p, best) < 0)))
            {
                best = p;
            }
        }

        if (best is not null)
        {
            return best;
        }

        var sla = TimeSpan.FromMinutes(hall.Policy.ServiceLevelWaitMinutes);
        Ticket? overdue = null;
        Ticket? weighted = null;
        var bestScore = double.MinValue;
        foreach (var q in served)
        {
            if (waiting.NormalHead(q.QueueId) is not { } head)
            {
                continue;
            }

            var waited = now - head.IssuedAt;
            if (waited >= sla && (overdue is null || WaitingIndex.IssueOrder.Instance.Compare(head, overdue) < 0))
            {
                overdue = head;
            }

            var score = q.Weight * Math.Max(0, waited.TotalSeconds);
            if (score > bestScore || (score == bestScore && weighted is not null && WaitingIndex.IssueOrder.Instance.Compare(head, weighted) < 0))
            {
                bestScore = score;
                weighted = head;
            }
        }

        return overdue ?? weighted;
    }
}
