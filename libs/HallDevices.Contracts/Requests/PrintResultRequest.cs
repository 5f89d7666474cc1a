using System.Text.Json.Serialization;

namespace HallDevices.Contracts;

/// <summary>Outcome of printing a ticket (<c>hall/{hallId}/req/print-result</c>); a failed print voids it.</summary>
public sealed record PrintResultRequest
{
    /// <summary>Client-chosen id; a repeat returns the first answer.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RequestId { get; init; }

    /// <summary>The ticket printed (or not).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TicketNumber { get; init; }

    /// <summary>True when the receipt came out.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Ok { get; init; }

    /// <summary>Why it failed: <c>paper-out</c>, <c>cover-open</c>, ...</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Reason { get; init; }

    /// <summary>MQTT 3.1.1 clients: topic for the reply.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ReplyTo { get; init; }
}
