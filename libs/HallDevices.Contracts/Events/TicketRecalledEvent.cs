using System.Text.Json.Serialization;

namespace HallDevices.Contracts;

/// <summary>A called ticket was announced again (<c>ticket-recalled</c>).</summary>
public sealed record TicketRecalledEvent : TicketEventMessage
{
    /// <summary>The counter.</summary>
    public required string CounterId { get; init; }

    /// <summary>Recalls so far, this one included.</summary>
    public int RecallCount { get; init; }

    /// <inheritdoc />
    [JsonIgnore]
    public override string Type => EventTypes.TicketRecalled;
}
