using System.Text.Json.Serialization;

namespace HallDevices.Contracts;

/// <summary>Rating from an evaluator (<c>hall/{hallId}/req/evaluate</c>).</summary>
public sealed record EvaluateRequest
{
    /// <summary>Client-chosen id; a repeat returns the first answer.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RequestId { get; init; }

    /// <summary>The ticket rated.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TicketNumber { get; init; }

    /// <summary>The counter that served it.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CounterId { get; init; }

    /// <summary>1 (very dissatisfied) to 5 (very satisfied).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Score { get; init; }

    /// <summary>For a bad rating (1 or 2): reasons chosen from the hall's list (<c>evaluation.reasons</c> of the hall file).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? ReasonIds { get; init; }

    /// <summary>For a bad rating: the citizen's own words, at most 200 characters kept.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ReasonText { get; init; }

    /// <summary>MQTT 3.1.1 clients: topic for the reply.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ReplyTo { get; init; }
}
