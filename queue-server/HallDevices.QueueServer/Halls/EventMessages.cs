using HallDevices.Contracts;
using HallDevices.Queueing.Tickets;
using HallDevices.QueueServer.Storage;

namespace HallDevices.QueueServer.Halls;

/// <summary>
/// Domain events (the hall's log, <see cref="HallEvent"/>) in their published form
/// (<see cref="HallEventMessage"/>): the same fields, enum values kebab-case. The log keeps its own
/// format; only this form goes out on MQTT and HTTP.
/// </summary>
/// <remarks>
/// Follow-up and appeal records (<see cref="FollowUpOpened"/>, <see cref="FollowUpRecorded"/>,
/// <see cref="EvaluationAppealed"/>, <see cref="AppealReviewed"/>) carry notes about citizens and
/// staff: they stay in the log and are never published, so their sequences are holes in what a
/// consumer sees (a gap fetch returns the events around them). Ratings are published on MQTT
/// (devices show them), and on HTTP only to those who oversee the hall.
/// </remarks>
public static class EventMessages
{
    /// <summary>Maps one event.</summary>
    /// <exception cref="ArgumentException">An event kind the contract does not know (a new kind must be added there first).</exception>
    public static HallEventMessage ToMessage(HallEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        HallEventMessage message = e switch
        {
            TicketIssued x => new TicketIssuedEvent
            {
                HallId = x.HallId, TicketId = x.TicketId, Number = x.Number, QueueId = x.QueueId, ServiceId = x.ServiceId,
                Channel = x.Channel, DeviceId = x.DeviceId, Priority = HallRequests.Kebab(x.Priority.ToString()),
                WaitingAhead = x.WaitingAhead, EstimatedWaitMinutes = x.EstimatedWaitMinutes,
            },
            TicketCalled x => new TicketCalledEvent
            {
                HallId = x.HallId, TicketId = x.TicketId, Number = x.Number, QueueId = x.QueueId, ServiceId = x.ServiceId,
                CounterId = x.CounterId, StaffId = x.StaffId, WaitedSeconds = x.WaitedSeconds,
            },
            TicketRecalled x => new TicketRecalledEvent
            {
                HallId = x.HallId, TicketId = x.TicketId, Number = x.Number, QueueId = x.QueueId, ServiceId = x.ServiceId,
                CounterId = x.CounterId, RecallCount = x.RecallCount,
            },
            TicketSkipped x => new TicketSkippedEvent
            {
                HallId = x.HallId, TicketId = x.TicketId, Number = x.Number, QueueId = x.QueueId, ServiceId = x.ServiceId,
                CounterId = x.CounterId,
            },
            TicketReinstated x => new TicketReinstatedEvent
            {
                HallId = x.HallId, TicketId = x.TicketId, Number = x.Number, QueueId = x.QueueId, ServiceId = x.ServiceId,
            },
            TicketFinished x => new TicketFinishedEvent
            {
                HallId = x.HallId, TicketId = x.TicketId, Number = x.Number, QueueId = x.QueueId, ServiceId = x.ServiceId,
                CounterId = x.CounterId, StaffId = x.StaffId, HandledSeconds = x.HandledSeconds, WaitedSeconds = x.WaitedSeconds,
            },
            TicketTransferred x => new TicketTransferredEvent
            {
                HallId = x.HallId, TicketId = x.TicketId, Number = x.Number, QueueId = x.QueueId, ServiceId = x.ServiceId,
                FromCounterId = x.FromCounterId, FromQueueId = x.FromQueueId, ToCounterId = x.ToCounterId,
            },
            TicketVoided x => new TicketVoidedEvent
            {
                HallId = x.HallId, TicketId = x.TicketId, Number = x.Number, QueueId = x.QueueId, ServiceId = x.ServiceId,
                Reason = x.Reason,
            },
            TicketEvaluated x => new EvaluationEvent
            {
                HallId = x.HallId, TicketId = x.TicketId, Number = x.Number, QueueId = x.QueueId, ServiceId = x.ServiceId,
                CounterId = x.CounterId, Score = x.Score, Channel = x.Channel,
            },
            CounterChanged x => new CounterChangedEvent
            {
                HallId = x.HallId, CounterId = x.CounterId, Action = x.Action, StaffId = x.StaffId, Status = HallRequests.Kebab(x.Status.ToString()),
            },
            _ => throw new ArgumentException($"event kind {e.GetType().Name} is not in the contract", nameof(e)),
        };
        return message with { Sequence = e.Sequence, At = e.At, By = e.By };
    }

    /// <summary>Maps a page of events, order kept, leaving out those never published (<see cref="IsPublished"/>).</summary>
    public static HallEventMessage[] ToMessages(IEnumerable<HallEvent> events) => [.. events.Where(IsPublished).Select(ToMessage)];

    /// <summary>False for follow-up and appeal records, which stay in the hall's log only.</summary>
    public static bool IsPublished(HallEvent e) => e is not (FollowUpOpened or FollowUpRecorded or EvaluationAppealed or AppealReviewed);

    /// <summary>
    /// Up to <paramref name="limit"/> published events after <paramref name="after"/>, oldest first;
    /// ratings only when <paramref name="withRatings"/>. Reads on past what is left out, so a page is
    /// short only at the end of the log.
    /// </summary>
    public static HallEventMessage[] Page(HallStore store, long after, int limit, bool withRatings)
    {
        ArgumentNullException.ThrowIfNull(store);
        var shown = new List<HallEventMessage>(Math.Min(limit, 1000));
        var from = after;
        while (shown.Count < limit)
        {
            var events = store.EventsAfter(from, limit);
            foreach (var e in events)
            {
                if (shown.Count == limit)
                {
                    break;
                }

                from = e.Sequence;
                if (IsPublished(e) && (withRatings || e is not TicketEvaluated))
                {
                    shown.Add(ToMessage(e));
                }
            }

            if (events.Count < limit)
            {
                break;
            }
        }

        return [.. shown];
    }
}
