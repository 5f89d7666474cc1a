using System.IO.Ports;

namespace HallDevices.Devices.Serial;

/// <summary>Serial settings for <see cref="SerialLink"/>.</summary>
public sealed class SerialLinkOptions
{
    /// <summary>Device path, e.g. <c>/dev/ttyUSB0</c> or a pty link.</summary>
    public string PortName { get; set; } = string.Empty;

    /// <summary>Baud rate (ID-card readers 115200, scanners 9600 or 115200).</summary>
    public int BaudRate { get; set; } = 115200;

    /// <summary>Parity.</summary>
    public Parity Parity { get; set; } = Parity.None;

    /// <summary>Data bits.</summary>
    public int DataBits { get; set; } = 8;

    /// <summary>Stop bits.</summary>
    public StopBits StopBits { get; set; } = StopBits.One;

    /// <summary>Wait between reopen attempts after a disconnect.</summary>
    public TimeSpan ReconnectInterval { get; set; } = TimeSpan.FromSeconds(1);
}
