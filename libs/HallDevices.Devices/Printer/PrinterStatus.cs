namespace HallDevices.Devices.Printer;

/// <summary>Printer condition decoded from <c>DLE EOT 1/2/3/4</c> replies.</summary>
/// <param name="Online">Not offline (DLE EOT 1 bit 3 clear).</param>
/// <param name="CoverOpen">DLE EOT 2 bit 2.</param>
/// <param name="PaperNearEnd">DLE EOT 4 bits 2–3.</param>
/// <param name="PaperOut">DLE EOT 4 bits 5–6, or DLE EOT 2 bit 5 (stopped at paper end).</param>
/// <param name="Error">DLE EOT 2 bit 6, or any error bit of DLE EOT 3.</param>
public sealed record PrinterStatus(bool Online, bool CoverOpen, bool PaperNearEnd, bool PaperOut, bool Error)
{
    /// <summary>Request bytes for <c>DLE EOT n</c> (n = 1 printer, 2 offline cause, 3 error cause, 4 paper).</summary>
    public static byte[] Query(int n) => n is >= 1 and <= 4 ? [0x10, 0x04, (byte)n] : throw new ArgumentOutOfRangeException(nameof(n));

    /// <summary>
    /// True when a reply byte has the fixed bits every status byte carries (bit 1 and 4 set, bits 0
    /// and 7 clear); anything else is line noise, not a status.
    /// </summary>
    public static bool IsStatusByte(byte b) => (b & 0x93) == 0x12;

    /// <summary>The most urgent health of this status.</summary>
    public PrinterHealth Health =>
        CoverOpen ? PrinterHealth.CoverOpen
        : PaperOut ? PrinterHealth.PaperOut
        : Error || !Online ? PrinterHealth.Error
        : PaperNearEnd ? PrinterHealth.PaperLow
        : PrinterHealth.Ok;

    /// <summary>Decodes the four status bytes.</summary>
    /// <exception cref="FormatException">A byte lacks the fixed status bits.</exception>
    public static PrinterStatus Decode(byte printer, byte offline, byte error, byte paper)
    {
        foreach (byte b in (ReadOnlySpan<byte>)[printer, offline, error, paper])
        {
            if (!IsStatusByte(b))
            {
                throw new FormatException($"0x{b:X2} is not an ESC/POS status byte.");
            }
        }

        bool coverOpen = (offline & 0x04) != 0;
        bool paperOut = (paper & 0x60) != 0 || (offline & 0x20) != 0;
        bool nearEnd = (paper & 0x0C) != 0;
        bool err = (offline & 0x40) != 0 || (error & 0x6C) != 0;
        return new PrinterStatus((printer & 0x08) == 0, coverOpen, nearEnd, paperOut, err);
    }

    /// <summary>
    /// The byte a printer in this condition answers to <c>DLE EOT n</c> (the emulator side).
    /// Idle baseline is <c>0x12</c>.
    /// </summary>
    public byte Encode(int n)
    {
        int b = 0x12;
        bool stopped = CoverOpen || PaperOut || Error;
        switch (n)
        {
            case 1:
                b |= (!Online || stopped) ? 0x08 : 0;
                break;
            case 2:
                b |= (CoverOpen ? 0x04 : 0) | (PaperOut ? 0x20 : 0) | (Error ? 0x40 : 0);
                break;
            case 3:
                b |= Error ? 0x40 : 0;
                break;
            case 4:
                b |= (PaperNearEnd || PaperOut ? 0x0C : 0) | (PaperOut ? 0x60 : 0);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(n));
        }

        return (byte)b;
    }

    /// <summary>A printer that is ready.</summary>
    public static PrinterStatus Ready { get; } = new(true, false, false, false, false);
}
