using System.Text.Json.Serialization;

namespace HallDevices.Contracts;

/// <summary>A ticket was called to a counter (<c>ticket-called</c>).</summary>
public sealed record TicketCalledEvent : TicketEventMessage
{
    /// <summary>The calling counter.</summary>
    public required string CounterId { get; init; }

    /// <summary>Staff signed in there.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? StaffId { get; init; }

    /// <summary>Seconds from issue to this call.</summary>
    public double WaitedSeconds { get; init; }

    /// <inheritdoc />
    [JsonIgnore]
    public override string Type => EventTypes.TicketCalled;
}
