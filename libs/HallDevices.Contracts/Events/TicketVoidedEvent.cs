using System.Text.Json.Serialization;

namespace HallDevices.Contracts;

/// <summary>A ticket was cancelled (<c>ticket-voided</c>).</summary>
public sealed record TicketVoidedEvent : TicketEventMessage
{
    /// <summary>Why: <c>print-failed</c>, <c>print-failed: {reason}</c>, <c>day-ended</c>, ...</summary>
    public required string Reason { get; init; }

    /// <inheritdoc />
    [JsonIgnore]
    public override string Type => EventTypes.TicketVoided;
}
