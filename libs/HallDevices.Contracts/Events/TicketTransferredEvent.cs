using System.Text.Json.Serialization;

namespace HallDevices.Contracts;

/// <summary>A ticket was handed on to another queue or counter (<c>ticket-transferred</c>).</summary>
public sealed record TicketTransferredEvent : TicketEventMessage
{
    /// <summary>The counter that handed it on.</summary>
    public required string FromCounterId { get; init; }

    /// <summary>The queue it came from.</summary>
    public required string FromQueueId { get; init; }

    /// <summary>The counter it goes to, if transferred to a counter.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ToCounterId { get; init; }

    /// <inheritdoc />
    [JsonIgnore]
    public override string Type => EventTypes.TicketTransferred;
}
