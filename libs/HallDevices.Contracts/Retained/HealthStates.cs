namespace HallDevices.Contracts;

/// <summary>Values of <see cref="DeviceStatus.Health"/>.</summary>
public static class HealthStates
{
    /// <summary>Working.</summary>
    public const string Ok = "ok";

    /// <summary>The printer's paper is near its end.</summary>
    public const string PaperLow = "paper-low";

    /// <summary>The printer has no paper.</summary>
    public const string PaperOut = "paper-out";

    /// <summary>The printer's cover is open.</summary>
    public const string CoverOpen = "cover-open";

    /// <summary>Not working (not answering, disconnected, failed).</summary>
    public const string Error = "error";

    /// <summary>Every value, as docs/mqtt-api.md lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [Ok, PaperLow, PaperOut, CoverOpen, Error];
}
