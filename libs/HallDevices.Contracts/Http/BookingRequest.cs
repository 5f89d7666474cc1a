using System.Text.Json.Serialization;

namespace HallDevices.Contracts;

/// <summary>Booking body (<c>POST /api/halls/{hallId}/appointments</c>), for the booking integration and the demo.</summary>
/// <param name="ServiceId">The service booked.</param>
/// <param name="ValidFrom">Start of the check-in window; now when left out.</param>
/// <param name="ValidTo">End of the check-in window; two hours after the start when left out.</param>
public sealed record BookingRequest(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ServiceId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? ValidFrom = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? ValidTo = null);
