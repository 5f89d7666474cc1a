using HallDevices.Queueing.Identity;
using HallDevices.Queueing.Tickets;

namespace HallDevices.Queueing.Engine;

/// <summary>A request for a ticket.</summary>
/// <param name="ServiceId">The service chosen.</param>
/// <param name="Channel">Where the request came from (<c>kiosk</c>, <c>mobile</c>, <c>console</c>).</param>
/// <param name="DeviceId">The requesting device, if any.</param>
/// <param name="Citizen">The protected identity, when an ID card was read.</param>
/// <param name="Priority">Priority class (appointment check-in, green channel).</param>
/// <param name="AppointmentId">The booking checked in, if any: each is good for one ticket.</param>
public sealed record IssueTicketCommand(
    string ServiceId,
    string Channel,
    string? DeviceId = null,
    CitizenIdentity? Citizen = null,
    TicketPriority Priority = TicketPriority.Normal,
    string? AppointmentId = null);

/// <summary>An issued ticket with what the citizen should be told.</summary>
/// <param name="Ticket">The ticket.</param>
/// <param name="WaitingAhead">People called before it, as things stand.</param>
/// <param name="EstimatedWaitMinutes">Estimated wait.</param>
public sealed record IssuedTicket(Ticket Ticket, int WaitingAhead, int EstimatedWaitMinutes);

/// <summary>Live figures of one queue.</summary>
/// <param name="QueueId">The queue.</param>
/// <param name="Waiting">Tickets waiting (transferred ones included).</param>
/// <param name="LongestWaitSeconds">How long the oldest waiting ticket has waited.</param>
/// <param name="EstimatedWaitMinutes">Estimated wait for a ticket issued now.</param>
/// <param name="MeanHandlingSeconds">Mean of recent handling times (or the hall default).</param>
public sealed record QueueStatus(string QueueId, int Waiting, double LongestWaitSeconds, int EstimatedWaitMinutes, double MeanHandlingSeconds);

/// <summary>Everything needed to bring a hall back after a restart.</summary>
/// <param name="Tickets">Tickets of the current service day and every ticket still open.</param>
/// <param name="Counters">Last committed state of each counter.</param>
/// <param name="LastSequence">Sequence of the last committed event.</param>
public sealed record HallSnapshot(IReadOnlyList<Ticket> Tickets, IReadOnlyList<CounterState> Counters, long LastSequence)
{
    /// <summary>Requests already answered today, so retries after a restart get the first answer.</summary>
    public IReadOnlyList<ProcessedRequest> Requests { get; init; } = [];

    /// <summary>A hall with no history.</summary>
    public static HallSnapshot Empty { get; } = new([], [], 0);
}

/// <summary>One committed unit of change: events plus the new versions of everything they touched.</summary>
/// <param name="HallId">The hall.</param>
/// <param name="Events">Events in sequence order.</param>
/// <param name="Tickets">New versions of the changed tickets.</param>
/// <param name="Counters">New versions of the changed counters.</param>
public sealed record HallChange(string HallId, IReadOnlyList<HallEvent> Events, IReadOnlyList<Ticket> Tickets, IReadOnlyList<CounterState> Counters)
{
    /// <summary>The request this change answers, when the client gave a requestId.</summary>
    public ProcessedRequest? Request { get; init; }
}

/// <summary>A request already answered: its id, the kind of outcome and the outcome as JSON.</summary>
/// <param name="RequestId">The client's requestId.</param>
/// <param name="Kind">The outcome type, so an id reused for another kind of request is caught.</param>
/// <param name="OutcomeJson">The first outcome, returned again on every repeat.</param>
/// <param name="Day">Service day it was answered on; older ones are forgotten.</param>
public sealed record ProcessedRequest(string RequestId, string Kind, string OutcomeJson, DateOnly Day);

/// <summary>
/// Durable storage as the engine sees it. <see cref="Commit"/> must make the change durable (or
/// throw) before it returns: the engine acknowledges nothing that is not committed.
/// </summary>
public interface IHallJournal
{
    /// <summary>Appends the events and stores the new state atomically.</summary>
    void Commit(HallChange change);
}
