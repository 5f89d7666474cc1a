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
/// <param name="Token">The tracking token for the ticket's QR link (random, minted by the caller), if any.</param>
public sealed record IssueTicketCommand(
    string ServiceId,
    string Channel,
    string? DeviceId = null,
    CitizenIdentity? Citizen = null,
    TicketPriority Priority = TicketPriority.Normal,
    string? AppointmentId = null,
    string? Token = null);
