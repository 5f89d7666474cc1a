using System.Text;
using System.Text.Json;

namespace HallDevices.Messaging;

/// <summary>
/// A message delivered to a subscription handler, or a reply returned by
/// <see cref="HallMqttClient.RequestAsync(string, ReadOnlyMemory{byte}, TimeSpan?, CancellationToken)"/>.
/// The payload is a private copy: handlers run after MQTTnet has reused its receive buffers.
/// </summary>
public sealed class MqttIncomingMessage
{
    private bool _payloadFieldsRead;
    private string? _replyTo;
    private string? _requestId;

    /// <summary>Creates a message (the client does this; public for tests of handlers).</summary>
    /// <param name="topic">Topic the message was published to.</param>
    /// <param name="payload">Payload bytes.</param>
    /// <param name="responseTopic">MQTT 5 Response Topic property, if any.</param>
    /// <param name="correlationData">MQTT 5 Correlation Data property, if any.</param>
    /// <param name="retain">Whether the broker delivered it as a retained message.</param>
    public MqttIncomingMessage(string topic, ReadOnlyMemory<byte> payload, string? responseTopic = null, ReadOnlyMemory<byte>? correlationData = null, bool retain = false)
    {
        ArgumentNullException.ThrowIfNull(topic);
        Topic = topic;
        Payload = payload;
        ResponseTopic = string.IsNullOrEmpty(responseTopic) ? null : responseTopic;
        CorrelationData = correlationData is { Length: > 0 } ? correlationData : null;
        Retain = retain;
        ReceivedTimestamp = System.Diagnostics.Stopwatch.GetTimestamp();
    }

    /// <summary>
    /// <see cref="System.Diagnostics.Stopwatch"/> timestamp of the moment the client took the message
    /// off the connection, before any handler or awaiting code ran (latency measurements).
    /// </summary>
    public long ReceivedTimestamp { get; }

    /// <summary>Topic the message was published to.</summary>
    public string Topic { get; }

    /// <summary>Payload bytes (UTF-8 JSON for every topic of the contract).</summary>
    public ReadOnlyMemory<byte> Payload { get; }

    /// <summary>MQTT 5 Response Topic property; null for MQTT 3.1.1 senders.</summary>
    public string? ResponseTopic { get; }

    /// <summary>MQTT 5 Correlation Data property; null when absent.</summary>
    public ReadOnlyMemory<byte>? CorrelationData { get; }

    /// <summary>True when the broker delivered this as a retained message (a subscriber joining late).</summary>
    public bool Retain { get; }

    /// <summary>
    /// The <c>"replyTo"</c> string of a JSON-object payload: the MQTT 3.1.1 fallback for the
    /// Response Topic. Null when absent or the payload is not a JSON object.
    /// </summary>
    public string? PayloadReplyTo
    {
        get
        {
            ReadPayloadFields();
            return _replyTo;
        }
    }

    /// <summary>The <c>"requestId"</c> string of a JSON-object payload; null when absent.</summary>
    public string? PayloadRequestId
    {
        get
        {
            ReadPayloadFields();
            return _requestId;
        }
    }

    /// <summary>Where a reply to this message goes: the MQTT 5 Response Topic, else the payload's <c>replyTo</c>; null if neither.</summary>
    public string? ReplyTopic => ResponseTopic ?? PayloadReplyTo;

    /// <summary>The payload decoded as UTF-8.</summary>
    public string PayloadAsString() => Encoding.UTF8.GetString(Payload.Span);

    /// <summary>Deserializes the JSON payload; throws <see cref="JsonException"/> when it does not fit <typeparamref name="T"/>.</summary>
    /// <param name="options">Serializer options; <see cref="MqttJson.Default"/> when null.</param>
    public T? Deserialize<T>(JsonSerializerOptions? options = null) =>
        JsonSerializer.Deserialize<T>(Payload.Span, options ?? MqttJson.Default);

    private void ReadPayloadFields()
    {
        if (_payloadFieldsRead)
        {
            return;
        }

        _payloadFieldsRead = true;
        (_replyTo, _requestId) = ReadTopLevelStrings(Payload.Span);
    }

    /// <summary>
    /// Reads the top-level <c>replyTo</c> and <c>requestId</c> strings with a forward-only reader, so
    /// a large payload is not materialised just to find them. Malformed JSON yields nulls: the
    /// server's own parsing reports it, and a reply can still go out via the Response Topic.
    /// </summary>
    internal static (string? ReplyTo, string? RequestId) ReadTopLevelStrings(ReadOnlySpan<byte> json)
    {
        string? replyTo = null, requestId = null;
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return (null, null);
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isReplyTo = reader.ValueTextEquals("replyTo"u8);
                var isRequestId = !isReplyTo && reader.ValueTextEquals("requestId"u8);
                if (!reader.Read())
                {
                    break;
                }

                if (reader.TokenType == JsonTokenType.String && (isReplyTo || isRequestId))
                {
                    if (isReplyTo)
                    {
                        replyTo = reader.GetString();
                    }
                    else
                    {
                        requestId = reader.GetString();
                    }
                }
                else if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            // Keep what was read before the malformed part.
        }

        return (string.IsNullOrEmpty(replyTo) ? null : replyTo, requestId);
    }
}
