using System.Text.Json.Serialization;

namespace HallDevices.Contracts;

/// <summary>A skipped or misprinted ticket waits again (<c>ticket-reinstated</c>).</summary>
public sealed record TicketReinstatedEvent : TicketEventMessage
{
    /// <inheritdoc />
    [JsonIgnore]
    public override string Type => EventTypes.TicketReinstated;
}
