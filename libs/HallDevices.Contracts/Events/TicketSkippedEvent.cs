using System.Text.Json.Serialization;

namespace HallDevices.Contracts;

/// <summary>A called ticket did not show up (<c>ticket-skipped</c>, 过号).</summary>
public sealed record TicketSkippedEvent : TicketEventMessage
{
    /// <summary>The counter.</summary>
    public required string CounterId { get; init; }

    /// <inheritdoc />
    [JsonIgnore]
    public override string Type => EventTypes.TicketSkipped;
}
