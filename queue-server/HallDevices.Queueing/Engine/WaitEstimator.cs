using HallDevices.Queueing.Halls;
using HallDevices.Queueing.Tickets;

namespace HallDevices.Queueing.Engine;

/// <summary>
/// What a citizen is told on the ticket: how many are called before it and about how long that
/// takes, from the recent handling times of its queue and the counters open now.
/// </summary>
/// <param name="hall">The hall: its counters, their weights and the default handling time.</param>
/// <param name="waiting">The waiting tickets.</param>
/// <param name="counters">The committed state of every counter (the engine's own map, read only here).</param>
internal sealed class WaitEstimator(HallDefinition hall, WaitingIndex waiting, IReadOnlyDictionary<string, CounterState> counters)
{
    /// <summary>Handling times remembered per queue: recent enough to follow the day, enough to smooth one slow case.</summary>
    internal const int HandlingSamples = 20;

    private readonly Dictionary<string, Queue<double>> _handling = new(StringComparer.Ordinal);

    /// <summary>
    /// How many are called before <paramref name="ticket"/>, counted before it is installed: an
    /// ordinary ticket goes behind everything waiting in its queue. For a priority ticket only the
    /// head of the queue's priority list is counted (1 when a priority ticket waits, else 0), as
    /// the engine has always answered.
    /// </summary>
    public int AheadOfNew(Ticket ticket) =>
        ticket.Priority == TicketPriority.Normal ? waiting.CountIn(ticket.QueueId) : CountPriorityAhead(ticket);

    /// <summary>
    /// Ahead × mean handling time ÷ service rate, where the rate is the share of each open counter's
    /// attention that goes to this queue (weight over the counter's total weight). With no counter
    /// open, the rate of all counters is assumed, as the hall will open them.
    /// </summary>
    public int EstimateMinutes(string queueId, int ahead)
    {
        if (ahead == 0)
        {
            return 0;
        }

        double Rate(bool openOnly) => hall.Counters
            .Where(c => !openOnly || counters[c.Id].Status is CounterStatus.Idle or CounterStatus.Serving)
            .Sum(c =>
            {
                var queues = hall.QueuesServedBy(c);
                var weight = queues.FirstOrDefault(q => q.QueueId == queueId)?.Weight ?? 0;
                return weight / queues.Sum(q => q.Weight);
            });

        var rate = Rate(openOnly: true);
        if (rate <= 0)
        {
            rate = Rate(openOnly: false);
        }

        return (int)Math.Ceiling(ahead * MeanHandlingSeconds(queueId) / 60.0 / Math.Max(rate, 0.01));
    }

    /// <summary>Mean of the queue's recent handling times, or the hall's default until one is known.</summary>
    public double MeanHandlingSeconds(string queueId) =>
        _handling.TryGetValue(queueId, out var samples) && samples.Count > 0
            ? samples.Average()
            : hall.Policy.DefaultHandlingMinutes * 60;

    /// <summary>Learns a handling time when <paramref name="t"/> is the first finished version of its ticket.</summary>
    public void Observe(Ticket? old, Ticket t)
    {
        if (t.Status == TicketStatus.Finished && old?.Status != TicketStatus.Finished && t.CalledAt is { } called && t.FinishedAt is { } done)
        {
            if (!_handling.TryGetValue(t.QueueId, out var samples))
            {
                samples = new Queue<double>(HandlingSamples);
                _handling[t.QueueId] = samples;
            }

            samples.Enqueue(Math.Max(0, (done - called).TotalSeconds));
            if (samples.Count > HandlingSamples)
            {
                samples.Dequeue();
            }
        }
    }

    private int CountPriorityAhead(Ticket ticket) =>
        hall.Queues.Where(q => q.Id == ticket.QueueId).Sum(q =>
        {
            var head = waiting.PriorityHead(q.Id);
            return head is null ? 0 : waiting.Ahead(head) + 1;
        });
}
