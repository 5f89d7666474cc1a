namespace HallDevices.Messaging;

/// <summary>
/// A publish could not be handed to the broker in time: the client stayed disconnected, or the
/// broker did not acknowledge (QoS 1 PUBACK) within <see cref="MqttConnectionOptions.PublishTimeout"/>.
/// The message may or may not have reached the broker; it was not silently dropped.
/// </summary>
public sealed class MqttDeliveryTimeoutException : TimeoutException
{
    /// <summary>Creates the exception for a topic.</summary>
    public MqttDeliveryTimeoutException(string topic, TimeSpan timeout, bool wasConnected, Exception? inner = null)
        : base(wasConnected
            ? $"MQTT publish to '{topic}' was not acknowledged by the broker within {timeout.TotalSeconds:0.###} s."
            : $"MQTT publish to '{topic}' failed: not connected to the broker within {timeout.TotalSeconds:0.###} s.", inner)
    {
        Topic = topic;
        Timeout = timeout;
        WasConnected = wasConnected;
    }

    /// <summary>Creates the exception with a message.</summary>
    public MqttDeliveryTimeoutException() : this(string.Empty, TimeSpan.Zero, false)
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public MqttDeliveryTimeoutException(string message) : base(message)
    {
        Topic = string.Empty;
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public MqttDeliveryTimeoutException(string message, Exception inner) : base(message, inner)
    {
        Topic = string.Empty;
    }

    /// <summary>Topic of the message that was not delivered.</summary>
    public string Topic { get; }

    /// <summary>The time that was allowed.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>True when a connection existed at the end (the broker was slow to acknowledge); false when it never came back.</summary>
    public bool WasConnected { get; }
}

/// <summary>No reply arrived for a request within its timeout (including any wait for the connection).</summary>
public sealed class MqttRequestTimeoutException : TimeoutException
{
    /// <summary>Creates the exception for a request topic.</summary>
    public MqttRequestTimeoutException(string topic, TimeSpan timeout, Exception? inner = null)
        : base($"No reply to MQTT request on '{topic}' within {timeout.TotalSeconds:0.###} s.", inner)
    {
        Topic = topic;
        Timeout = timeout;
    }

    /// <summary>Creates the exception.</summary>
    public MqttRequestTimeoutException() : this(string.Empty, TimeSpan.Zero)
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public MqttRequestTimeoutException(string message) : base(message)
    {
        Topic = string.Empty;
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public MqttRequestTimeoutException(string message, Exception inner) : base(message, inner)
    {
        Topic = string.Empty;
    }

    /// <summary>Topic the request was sent to.</summary>
    public string Topic { get; }

    /// <summary>The time that was allowed.</summary>
    public TimeSpan Timeout { get; }
}

/// <summary>The broker answered a publish or subscribe with a failure reason code (e.g. not authorized by its ACL).</summary>
public sealed class MqttOperationRejectedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MqttOperationRejectedException(string operation, string topic, string reasonCode, string? reasonString = null)
        : base($"Broker rejected MQTT {operation} on '{topic}': {reasonCode}{(string.IsNullOrEmpty(reasonString) ? string.Empty : " (" + reasonString + ")")}.")
    {
        Operation = operation;
        Topic = topic;
        ReasonCode = reasonCode;
    }

    /// <summary>Creates the exception.</summary>
    public MqttOperationRejectedException() : this("operation", string.Empty, "unknown")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public MqttOperationRejectedException(string message) : base(message)
    {
        Operation = Topic = ReasonCode = string.Empty;
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public MqttOperationRejectedException(string message, Exception inner) : base(message, inner)
    {
        Operation = Topic = ReasonCode = string.Empty;
    }

    /// <summary><c>publish</c> or <c>subscribe</c>.</summary>
    public string Operation { get; }

    /// <summary>Topic or topic filter concerned.</summary>
    public string Topic { get; }

    /// <summary>The broker's reason code, as MQTTnet names it.</summary>
    public string ReasonCode { get; }
}
