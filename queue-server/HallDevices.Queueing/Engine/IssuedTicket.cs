using HallDevices.Queueing.Tickets;

namespace HallDevices.Queueing.Engine;

/// <summary>An issued ticket with what the citizen should be told.</summary>
/// <param name="Ticket">The ticket.</param>
/// <param name="WaitingAhead">People called before it, as things stand.</param>
/// <param name="EstimatedWaitMinutes">Estimated wait.</param>
public sealed record IssuedTicket(Ticket Ticket, int WaitingAhead, int EstimatedWaitMinutes);
