using System.Text.Json.Serialization;

namespace HallDevices.Contracts;

/// <summary>Fetch of missed events by sequence (<c>hall/{hallId}/req/events</c>).</summary>
public sealed record EventsRequest
{
    /// <summary>Client-chosen id.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RequestId { get; init; }

    /// <summary>Return events with a sequence greater than this.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? After { get; init; }

    /// <summary>At most this many (1–1000, default 500).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Limit { get; init; }

    /// <summary>MQTT 3.1.1 clients: topic for the reply.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ReplyTo { get; init; }
}
