namespace HallDevices.Messaging;

/// <summary>Where a <see cref="HallMqttClient"/> stands with its broker.</summary>
public enum MqttConnectionState
{
    /// <summary>Not started yet.</summary>
    Idle,

    /// <summary>First connection attempt in progress.</summary>
    Connecting,

    /// <summary>Connected, and every registered subscription is in place again.</summary>
    Connected,

    /// <summary>Connection lost or refused; waiting for the next attempt (backoff) or attempting.</summary>
    Reconnecting,

    /// <summary>Stopped by <see cref="HallMqttClient.StopAsync"/> or disposal; will not reconnect.</summary>
    Stopped,
}

/// <summary>Raised by <see cref="HallMqttClient.StateChanged"/> on every state transition.</summary>
/// <param name="Previous">State before the transition.</param>
/// <param name="Current">State after the transition.</param>
/// <param name="Reason">Why the connection was lost or refused, when known.</param>
public sealed record MqttConnectionStateChangedEventArgs(
    MqttConnectionState Previous,
    MqttConnectionState Current,
    Exception? Reason);
