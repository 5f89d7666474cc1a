using HallDevices.Queueing.Engine;
using HallDevices.Queueing.Tickets;

namespace HallDevices.QueueServer.Storage;

/// <summary>The store, followed by the feed and the metrics once a change is committed.</summary>
public sealed class FeedingJournal(IHallJournal inner, HallChangeFeed feed, ServerMetrics metrics) : IHallJournal
{
    /// <inheritdoc />
    public void Commit(HallChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        inner.Commit(change);
        foreach (var e in change.Events)
        {
            if (e is TicketIssued)
            {
                metrics.TicketIssued();
            }
            else if (e is TicketCalled)
            {
                metrics.TicketCalled();
            }
        }

        if (change.Events.Count > 0 || change.Counters.Count > 0)
        {
            feed.Add(change);
        }
    }
}
