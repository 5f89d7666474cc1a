using System.Text.Json.Serialization;

namespace HallDevices.Contracts;

/// <summary>Counter action body (<c>hall/{hallId}/req/counter</c>).</summary>
public sealed record CounterRequest
{
    /// <summary>Client-chosen id; a repeat returns the first answer.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RequestId { get; init; }

    /// <summary>The counter.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CounterId { get; init; }

    /// <summary><c>login</c> <c>logout</c> <c>call-next</c> <c>recall</c> <c>skip</c> <c>finish</c> <c>transfer</c> <c>reinstate</c> <c>pause</c> <c>resume</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Action { get; init; }

    /// <summary>Staff member (for login).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? StaffId { get; init; }

    /// <summary>Target queue (for transfer).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ToQueueId { get; init; }

    /// <summary>Target counter (for transfer).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ToCounterId { get; init; }

    /// <summary>The ticket (for reinstate: the no-show to bring back).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TicketNumber { get; init; }

    /// <summary>MQTT 3.1.1 clients: topic for the reply.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ReplyTo { get; init; }
}
