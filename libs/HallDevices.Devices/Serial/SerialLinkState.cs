namespace HallDevices.Devices.Serial;

/// <summary>Whether the port is usable.</summary>
public enum SerialLinkState
{
    /// <summary>Not open: never opened, unplugged, or the peer went away.</summary>
    Disconnected,

    /// <summary>Open and handed to the session.</summary>
    Connected,
}
