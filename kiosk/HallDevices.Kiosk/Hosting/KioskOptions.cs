using System.ComponentModel.DataAnnotations;
using HallDevices.Kiosk.Flows;

namespace HallDevices.Kiosk;

/// <summary>Configuration section <c>Kiosk</c>.</summary>
public sealed class KioskOptions
{
    /// <summary>Section name.</summary>
    public const string Section = "Kiosk";

    /// <summary>The hall this kiosk stands in.</summary>
    [Required]
    public string HallId { get; set; } = "xinqiao";

    /// <summary>Device id: the MQTT user name and <c>devices/{id}/status</c>.</summary>
    [Required]
    public string DeviceId { get; set; } = "kiosk-01";

    /// <summary>Where the touch UI is served (a browser in kiosk mode opens it).</summary>
    [Required]
    public string Urls { get; set; } = "http://127.0.0.1:5081";

    /// <summary>Seconds without a touch before the kiosk forgets the citizen and shows the start screen.</summary>
    [Range(5, 3600)]
    public int IdleTimeoutSeconds { get; set; } = 60;

    /// <summary>CJK font used on tickets.</summary>
    [Required]
    public string FontPath { get; set; } = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";

    /// <summary>How long one ticket request waits for the server before it is retried.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Attempts per ticket request (same requestId each time) before the screen says the service is unavailable.</summary>
    [Range(1, 10)]
    public int RequestAttempts { get; set; } = 2;

    /// <summary>The resident ID-card reader; none configured: the ID-card flow is not offered.</summary>
    public SerialDeviceOptions IdCardReader { get; set; } = new() { BaudRate = 115200 };

    /// <summary>The barcode/QR scanner; none configured: no appointment or pass-code flow.</summary>
    public ScannerOptions Scanner { get; set; } = new();

    /// <summary>The thermal printer.</summary>
    public PrinterOptions Printer { get; set; } = new();

    /// <summary>Pass-code policy.</summary>
    public PassCodeOptions PassCodes { get; set; } = new();
}

/// <summary>A device on a serial port.</summary>
public class SerialDeviceOptions
{
    /// <summary>Port path (<c>/dev/ttyUSB0</c>, a pty); empty: the device is not fitted.</summary>
    public string? Port { get; set; }

    /// <summary>Baud rate (8N1).</summary>
    [Range(1200, 921600)]
    public int BaudRate { get; set; } = 9600;
}

/// <summary><c>Kiosk:Scanner</c>.</summary>
public sealed class ScannerOptions : SerialDeviceOptions
{
    /// <summary>Characters the scanner sends before each code (configured on the scanner).</summary>
    public string Prefix { get; set; } = "";

    /// <summary>Line end the scanner sends: <c>crlf</c> or <c>cr</c>.</summary>
    [AllowedValues("cr", "crlf")]
    public string Suffix { get; set; } = "crlf";

    /// <summary>Longest code accepted; longer lines are garbage.</summary>
    [Range(8, 4096)]
    public int MaxLength { get; set; } = 512;
}

/// <summary><c>Kiosk:Printer</c>.</summary>
public sealed class PrinterOptions : SerialDeviceOptions
{
    /// <summary>Paper width: 58 or 80 mm.</summary>
    [AllowedValues(58, 80)]
    public int PaperWidthMm { get; set; } = 80;

    /// <summary>True: print the rendered raster (GS v 0); false: printer text with native QR, for printers without raster.</summary>
    public bool Raster { get; set; } = true;
}
