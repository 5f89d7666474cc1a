using System.Text.Json.Serialization;

namespace HallDevices.Contracts;

/// <summary>A ticket was issued (<c>ticket-issued</c>).</summary>
public sealed record TicketIssuedEvent : TicketEventMessage
{
    /// <summary>Channel it came from: <c>kiosk</c>, <c>mobile</c>, <c>console</c>.</summary>
    public required string Channel { get; init; }

    /// <summary>Requesting device; left out when none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? DeviceId { get; init; }

    /// <summary>Priority class: <c>normal</c>, <c>appointment</c>, <c>green-channel</c>.</summary>
    public required string Priority { get; init; }

    /// <summary>People ahead at the moment of issue.</summary>
    public int WaitingAhead { get; init; }

    /// <summary>Estimated wait in minutes at the moment of issue.</summary>
    public int EstimatedWaitMinutes { get; init; }

    /// <inheritdoc />
    [JsonIgnore]
    public override string Type => EventTypes.TicketIssued;
}
