namespace HallDevices.QueueServer.Devices;

/// <summary>
/// Kinds of hall device, told from the device id's prefix as the apps name them: the kiosk's
/// <c>Kiosk:DeviceId</c> (<c>kiosk-01</c>), the display's client id (<c>display-01</c>,
/// <c>display-{hallId}</c>), and the window bus devices the display speaks for
/// (<c>keypad-w3</c>, <c>evaluator-w3</c>, <c>led-w3</c>). An id named otherwise is <see cref="Other"/>.
/// </summary>
public static class DeviceKinds
{
    /// <summary>Self-service ticket kiosk (prints tickets).</summary>
    public const string Kiosk = "kiosk";

    /// <summary>Call board display.</summary>
    public const string Display = "display";

    /// <summary>Caller keypad of a window.</summary>
    public const string Keypad = "keypad";

    /// <summary>Rating pad of a window.</summary>
    public const string Evaluator = "evaluator";

    /// <summary>LED strip above a window.</summary>
    public const string LedStrip = "led-strip";

    /// <summary>An id without a known prefix.</summary>
    public const string Other = "other";

    /// <summary>The kind of the device with that id.</summary>
    public static string Of(string deviceId)
    {
        ArgumentNullException.ThrowIfNull(deviceId);
        var dash = deviceId.IndexOf('-', StringComparison.Ordinal);
        return (dash > 0 ? deviceId[..dash] : deviceId) switch
        {
            "kiosk" => Kiosk,
            "display" => Display,
            "keypad" => Keypad,
            "evaluator" => Evaluator,
            "led" => LedStrip,
            _ => Other,
        };
    }
}
