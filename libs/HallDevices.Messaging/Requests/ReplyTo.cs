using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HallDevices.Messaging.Requests;

/// <summary>MQTT 3.1.1 has no Response Topic: the reply topic travels as <c>"replyTo"</c> in the JSON request.</summary>
internal static class ReplyTo
{
    /// <summary>Returns <paramref name="payload"/> with <c>"replyTo"</c> set, and its <c>requestId</c> if any.</summary>
    /// <exception cref="ArgumentException">The payload is not a JSON object.</exception>
    public static (ReadOnlySequence<byte> Payload, string? RequestId) Add(ReadOnlyMemory<byte> payload, string replyTopic)
    {
        JsonObject json;
        try
        {
            json = JsonNode.Parse(payload.Span) as JsonObject
                   ?? throw new ArgumentException("An MQTT 3.1.1 request payload must be a JSON object so \"replyTo\" can be added.", nameof(payload));
        }
        catch (JsonException ex)
        {
            throw new ArgumentException("An MQTT 3.1.1 request payload must be a JSON object so \"replyTo\" can be added.", nameof(payload), ex);
        }

        json["replyTo"] = replyTopic;
        var requestId = json["requestId"] is JsonValue v && v.TryGetValue<string>(out var id) ? id : null;
        return (new ReadOnlySequence<byte>(JsonSerializer.SerializeToUtf8Bytes(json)), requestId);
    }
}
