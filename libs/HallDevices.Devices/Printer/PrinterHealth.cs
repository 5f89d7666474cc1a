namespace HallDevices.Devices.Printer;

/// <summary>Overall printer health, matching the MQTT device status vocabulary (docs/design.md §4).</summary>
public enum PrinterHealth
{
    /// <summary>Ready to print.</summary>
    Ok,

    /// <summary>Paper near end: prints, but someone should change the roll.</summary>
    PaperLow,

    /// <summary>Paper end: stopped.</summary>
    PaperOut,

    /// <summary>Cover open: stopped.</summary>
    CoverOpen,

    /// <summary>Cutter, mechanism or other error.</summary>
    Error,
}
