using Microsoft.Extensions.Logging;

namespace HallDevices.Messaging;

/// <summary>
/// The client's log messages, source-generated, as extensions of the client's logger (category
/// <see cref="HallMqttClient"/>). Event ids, names and templates are what operators filter and
/// grep for: keep them stable.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "MQTT client {ClientId} connected to {Host}:{Port} (MQTT {Protocol})")]
    public static partial void LogConnected(this ILogger logger, string clientId, string host, int port, string protocol);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "MQTT client {ClientId} lost its connection: {Reason}")]
    public static partial void LogConnectionLost(this ILogger logger, string clientId, string reason, Exception? exception);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "MQTT client {ClientId} could not connect to {Host}:{Port} (attempt {Attempt}): {Error}")]
    public static partial void LogConnectFailed(this ILogger logger, string clientId, string host, int port, int attempt, string error);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "MQTT client {ClientId} reconnects in {DelayMs} ms (attempt {Attempt})")]
    public static partial void LogReconnectScheduled(this ILogger logger, string clientId, double delayMs, int attempt);

    [LoggerMessage(EventId = 5, Level = LogLevel.Error, Message = "Broker refused subscription {TopicFilter} after reconnect: {ResultCode}")]
    public static partial void LogResubscribeRefused(this ILogger logger, string topicFilter, string resultCode);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "Publish to {Topic} failed after {TimeoutMs} ms (connected: {WasConnected})")]
    public static partial void LogPublishTimeout(this ILogger logger, string topic, double timeoutMs, bool wasConnected);

    [LoggerMessage(EventId = 7, Level = LogLevel.Debug, Message = "Publish to {Topic} interrupted ({Error}); retrying on the next connection")]
    public static partial void LogPublishRetry(this ILogger logger, string topic, string error);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "No reply to request on {Topic} within {TimeoutMs} ms")]
    public static partial void LogRequestTimeout(this ILogger logger, string topic, double timeoutMs);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "Request on {Topic} names no reply topic (no Response Topic, no replyTo); not answered")]
    public static partial void LogNoReplyTopic(this ILogger logger, string topic);

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "Request on {Topic} asks for a reply on {ReplyTopic}, outside the reply prefix; not answered")]
    public static partial void LogReplyTopicRefused(this ILogger logger, string topic, string replyTopic);

    [LoggerMessage(EventId = 11, Level = LogLevel.Debug, Message = "Reply on {Topic} matches no pending request (late or duplicate)")]
    public static partial void LogUnmatchedReply(this ILogger logger, string topic);

    [LoggerMessage(EventId = 12, Level = LogLevel.Error, Message = "Handler for {TopicFilter} failed on a message from {Topic}")]
    public static partial void LogHandlerFailed(this ILogger logger, Exception exception, string topic, string topicFilter);

    [LoggerMessage(EventId = 13, Level = LogLevel.Error, Message = "On-connected callback failed")]
    public static partial void LogCallbackFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 14, Level = LogLevel.Error, Message = "A StateChanged handler threw")]
    public static partial void LogStateHandlerFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 15, Level = LogLevel.Debug, Message = "Subscription change for {TopicFilter} deferred to the next connection ({Error})")]
    public static partial void LogSubscribeDeferred(this ILogger logger, string topicFilter, string error);

    [LoggerMessage(EventId = 16, Level = LogLevel.Debug, Message = "Clean disconnect failed: {Error}")]
    public static partial void LogDisconnectFailed(this ILogger logger, string error);

    [LoggerMessage(EventId = 17, Level = LogLevel.Debug, Message = "Message on {Topic} arrived after stop; dropped")]
    public static partial void LogDroppedAfterStop(this ILogger logger, string topic);
}
