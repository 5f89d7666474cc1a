using System.Text.Json.Serialization;

namespace HallDevices.Contracts;

/// <summary>A citizen rated a finished ticket (<c>evaluation</c>, 好差评).</summary>
public sealed record EvaluationEvent : TicketEventMessage
{
    /// <summary>The counter that served.</summary>
    public required string CounterId { get; init; }

    /// <summary>1 (very dissatisfied) to 5 (very satisfied).</summary>
    public int Score { get; init; }

    /// <inheritdoc />
    [JsonIgnore]
    public override string Type => EventTypes.Evaluation;
}
