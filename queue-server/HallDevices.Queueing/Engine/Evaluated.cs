using HallDevices.Queueing.Evaluation;
using HallDevices.Queueing.Tickets;

namespace HallDevices.Queueing.Engine;

/// <summary>A recorded rating: the rated ticket and, for a bad rating, the follow-up case it opened.</summary>
/// <param name="Ticket">The ticket with its <see cref="Ticket.Score"/>.</param>
/// <param name="FollowUp">The case opened by a bad rating (1 or 2), else null.</param>
public sealed record Evaluated(Ticket Ticket, FollowUpCase? FollowUp);
