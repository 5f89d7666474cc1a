using System.Text.Json.Serialization;

namespace HallDevices.Contracts;

/// <summary>Ticket request body (<c>hall/{hallId}/req/ticket</c>, <c>POST /api/halls/{hallId}/tickets</c>).</summary>
public sealed record TicketRequest
{
    /// <summary>Client-chosen id; a repeat returns the first answer.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RequestId { get; init; }

    /// <summary>The service chosen.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ServiceId { get; init; }

    /// <summary><c>kiosk</c>, <c>mobile</c>, <c>console</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Channel { get; init; }

    /// <summary>The requesting device.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? DeviceId { get; init; }

    /// <summary>Raw ID number read from the card: hashed and masked on arrival, never stored.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? IdNumber { get; init; }

    /// <summary>Appointment code scanned at the kiosk.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? AppointmentCode { get; init; }

    /// <summary><c>normal</c>, <c>appointment</c> or <c>green-channel</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Priority { get; init; }

    /// <summary>MQTT 3.1.1 clients: topic for the reply.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ReplyTo { get; init; }
}
