using System.Text;

namespace HallDevices.Devices.Scanner;

/// <summary>How a scanner frames each code: <c>[prefix]data[suffix]</c>, and the longest code accepted.</summary>
public sealed record ScannerFraming
{
    /// <summary>Prefix the scanner is configured to send (empty for none).</summary>
    public string Prefix { get; init; } = string.Empty;

    /// <summary>Terminator after each code.</summary>
    public ScannerSuffix Suffix { get; init; } = ScannerSuffix.Cr;

    /// <summary>Longest code in bytes, prefix excluded; longer lines are garbage (a QR of an appointment is far shorter).</summary>
    public int MaxLength { get; init; } = 512;

    /// <summary>The bytes a scanner sends for <paramref name="code"/> (the emulator side).</summary>
    public byte[] Encode(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        string suffix = Suffix == ScannerSuffix.Cr ? "\r" : "\r\n";
        return Encoding.UTF8.GetBytes(Prefix + code + suffix);
    }
}
