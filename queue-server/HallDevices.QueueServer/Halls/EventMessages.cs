using HallDevices.Contracts;
using HallDevices.Queueing.Tickets;

namespace HallDevices.QueueServer.Halls;

/// <summary>
/// Domain events (the hall's log, <see cref="HallEvent"/>) in their published form
/// (<see cref="HallEventMessage"/>): the same fields, enum values kebab-case. The log keeps its own
/// format; only this form goes out on MQTT and HTTP.
/// </summary>
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
                CounterId = x.CounterId, Score = x.Score,
            },
            CounterChanged x => new CounterChangedEvent
            {
                HallId = x.HallId, CounterId = x.CounterId, Action = x.Action, StaffId = x.StaffId, Status = HallRequests.Kebab(x.Status.ToString()),
            },
            _ => throw new ArgumentException($"event kind {e.GetType().Name} is not in the contract", nameof(e)),
        };
        return message with { Sequence = e.Sequence, At = e.At, By = e.By };
    }

    /// <summary>Maps a page of events, order kept.</summary>
    public static HallEventMessage[] ToMessages(IEnumerable<HallEvent> events) => [.. events.Select(ToMessage)];
}
