using System.Text.Json.Serialization;

namespace HallDevices.Contracts;

/// <summary>
/// A citizen rated a finished ticket (<c>evaluation</c>, 好差评). Devices see it, so it names the
/// counter, never the staff member, and carries no reasons (those are the hall's, in its log).
/// </summary>
public sealed record EvaluationEvent : TicketEventMessage
{
    /// <summary>The counter that served.</summary>
    public required string CounterId { get; init; }

    /// <summary>1 (very dissatisfied) to 5 (very satisfied).</summary>
    public int Score { get; init; }

    /// <summary>Where it was given: <c>evaluator</c>, <c>console</c> or <c>online</c>.</summary>
    public string Channel { get; init; } = "evaluator";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Type => EventTypes.Evaluation;
}
