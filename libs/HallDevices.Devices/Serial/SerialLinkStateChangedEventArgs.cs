namespace HallDevices.Devices.Serial;

/// <summary>A state change of a <see cref="SerialLink"/>.</summary>
/// <param name="state">The new state.</param>
/// <param name="reason">Why (the exception message for a disconnect), or <see langword="null"/>.</param>
public sealed class SerialLinkStateChangedEventArgs(SerialLinkState state, string? reason) : EventArgs
{
    /// <summary>The new state.</summary>
    public SerialLinkState State { get; } = state;

    /// <summary>Why the state changed, when known.</summary>
    public string? Reason { get; } = reason;
}
