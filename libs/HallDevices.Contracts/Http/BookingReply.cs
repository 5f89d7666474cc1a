namespace HallDevices.Contracts;

/// <summary>A booked appointment (refusals are a <see cref="Reply"/>).</summary>
/// <param name="Ok">Always true.</param>
/// <param name="AppointmentCode">The signed code the citizen shows at the kiosk scanner.</param>
public sealed record BookingReply(bool Ok, string AppointmentCode);
