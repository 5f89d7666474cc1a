using System.Text.Json.Serialization;

namespace HallDevices.Contracts;

/// <summary>A ticket was served to the end (<c>ticket-finished</c>).</summary>
public sealed record TicketFinishedEvent : TicketEventMessage
{
    /// <summary>The counter.</summary>
    public required string CounterId { get; init; }

    /// <summary>Staff signed in there.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? StaffId { get; init; }

    /// <summary>Seconds from call to finish.</summary>
    public double HandledSeconds { get; init; }

    /// <summary>Seconds from issue to call.</summary>
    public double WaitedSeconds { get; init; }

    /// <inheritdoc />
    [JsonIgnore]
    public override string Type => EventTypes.TicketFinished;
}
