using MQTTnet.Formatter;

namespace HallDevices.Messaging;

/// <summary>
/// How an app reaches the hall's MQTT broker. Bound from the configuration section
/// <see cref="SectionName"/> (<c>Mqtt:Host</c>, <c>Mqtt__Port</c>, <c>--Mqtt:ClientId</c>, ...) and
/// checked by <see cref="MqttConnectionOptionsValidator"/>. Time spans use the .NET configuration
/// format <c>hh:mm:ss[.fff]</c>.
/// </summary>
public sealed class MqttConnectionOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Mqtt";

    /// <summary>Broker host name or IP address. Default <c>localhost</c>.</summary>
    public string Host { get; set; } = "localhost";

    /// <summary>Broker TCP port. Default 1883 (use 8883 with <see cref="UseTls"/> on most brokers).</summary>
    public int Port { get; set; } = 1883;

    /// <summary>
    /// MQTT client id. Must be unique per broker; it also names this client's reply topic
    /// (<c>{ReplyTopicPrefix}/{ClientId}/#</c>), so it may not contain <c>/</c>, <c>+</c> or <c>#</c>.
    /// Empty means a random id is generated per <see cref="HallMqttClient"/> instance.
    /// </summary>
    public string? ClientId { get; set; }

    /// <summary>User name for broker authentication; empty means anonymous.</summary>
    public string? Username { get; set; }

    /// <summary>Password for broker authentication (requires <see cref="Username"/>).</summary>
    public string? Password { get; set; }

    /// <summary>Connect with TLS.</summary>
    public bool UseTls { get; set; }

    /// <summary>
    /// Optional PEM file with the CA certificate(s) that signed the broker certificate. When set,
    /// the broker certificate is validated against these roots only (the system store is not
    /// consulted), which is what a hall with its own small CA needs.
    /// </summary>
    public string? CaCertificatePath { get; set; }

    /// <summary>
    /// Host name expected in the broker certificate; defaults to <see cref="Host"/>. Useful when the
    /// broker is reached by IP address but its certificate names a host.
    /// </summary>
    public string? TlsServerName { get; set; }

    /// <summary>MQTT keep-alive period; a dead connection is noticed within about 1.5 times this. Default 15 s.</summary>
    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// MQTT protocol version: <c>5</c> (default) or <c>3.1.1</c>. With 3.1.1 requests carry
    /// <c>"replyTo"</c> in the JSON payload instead of the MQTT 5 Response Topic property.
    /// A string rather than an enum so <c>Mqtt__ProtocolVersion=3.1.1</c> binds as written.
    /// </summary>
    public string ProtocolVersion { get; set; } = "5";

    /// <summary>Topic of the last-will message the broker publishes if this client dies uncleanly.</summary>
    public string? WillTopic { get; set; }

    /// <summary>UTF-8 payload of the last-will message, e.g. <c>{"online":false}</c>.</summary>
    public string? WillPayload { get; set; }

    /// <summary>Whether the last-will message is retained (device status topics are).</summary>
    public bool WillRetain { get; set; }

    /// <summary>First reconnect delay; later delays double up to <see cref="ReconnectMaxDelay"/>. Default 0.5 s.</summary>
    public TimeSpan ReconnectMinDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest delay between reconnect attempts. Default 30 s.</summary>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time allowed for one TCP + CONNECT handshake and for each MQTT acknowledgement. Default 10 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a publish may wait for the connection to come back (and for the broker's PUBACK)
    /// before it fails with <see cref="MqttDeliveryTimeoutException"/>. Default 10 s.
    /// </summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Default time a request waits for its reply, including any wait for the connection. Default 5 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// First level of reply topics. This client receives replies on <c>{prefix}/{ClientId}/...</c>;
    /// <see cref="HallMqttClient.ReplyAsync(MqttIncomingMessage, ReadOnlyMemory{byte}, CancellationToken)"/>
    /// only answers to topics under <c>{prefix}/</c> when <see cref="RestrictReplyTopics"/> is on.
    /// Default <c>reply</c>.
    /// </summary>
    public string ReplyTopicPrefix { get; set; } = "reply";

    /// <summary>
    /// When true (default) a responder refuses to publish a reply to a topic outside
    /// <c>{ReplyTopicPrefix}/</c>, so a client cannot make the server write its replies onto state
    /// or event topics by naming them as its response topic.
    /// </summary>
    public bool RestrictReplyTopics { get; set; } = true;

    /// <summary>The parsed <see cref="ProtocolVersion"/>; throws for values the validator rejects.</summary>
    internal MqttProtocolVersion ParsedProtocolVersion =>
        TryParseProtocolVersion(ProtocolVersion, out var version)
            ? version
            : throw new InvalidOperationException($"Unsupported MQTT protocol version '{ProtocolVersion}'; use 5 or 3.1.1.");

    /// <summary>Returns a copy, so one bound instance can seed many clients (load generator) safely.</summary>
    public MqttConnectionOptions Clone() => (MqttConnectionOptions)MemberwiseClone();

    internal static bool TryParseProtocolVersion(string? text, out MqttProtocolVersion version)
    {
        switch (text?.Trim())
        {
            case "5":
            case "5.0":
            case "500":
                version = MqttProtocolVersion.V500;
                return true;
            case "3.1.1":
            case "311":
            case "4":
                version = MqttProtocolVersion.V311;
                return true;
            default:
                version = MqttProtocolVersion.Unknown;
                return false;
        }
    }
}
