using System.Text.Json.Serialization;

namespace HallDevices.Contracts;

/// <summary>A counter signed in or out, paused or resumed (<c>counter-changed</c>).</summary>
public sealed record CounterChangedEvent : HallEventMessage
{
    /// <summary>The counter.</summary>
    public required string CounterId { get; init; }

    /// <summary>The action: <c>login</c>, <c>logout</c>, <c>pause</c>, <c>resume</c>.</summary>
    public required string Action { get; init; }

    /// <summary>Staff involved.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? StaffId { get; init; }

    /// <summary>The counter's status after the change: <c>closed</c> <c>idle</c> <c>serving</c> <c>paused</c>.</summary>
    public required string Status { get; init; }

    /// <inheritdoc />
    [JsonIgnore]
    public override string Type => EventTypes.CounterChanged;
}
