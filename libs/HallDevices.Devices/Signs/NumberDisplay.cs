using Iot.Device.Tm16xx;

namespace HallDevices.Devices.Signs;

/// <summary>A 4-digit TM1637 number display (e.g. the ticket number above a window).</summary>
public sealed class NumberDisplay
{
    private readonly Tm1637 _chip;

    /// <summary>Wraps a TM1637 (which the caller owns and disposes) and switches it on at full brightness.</summary>
    public NumberDisplay(Tm1637 chip)
    {
        _chip = chip ?? throw new ArgumentNullException(nameof(chip));
        // The binding sends display-control 0x00 (not even a valid command) until SetScreen runs once.
        _chip.SetScreen(7, true);
    }

    /// <summary>Digits on the module.</summary>
    public const int Digits = 4;

    /// <summary>Shows up to four characters right-aligned (ticket "A012" shows as A012; "12" as "  12").</summary>
    /// <param name="text">Text of 0–4 characters from <see cref="SevenSegment"/>'s set.</param>
    /// <param name="colon">Light the colon (dp of the second digit on clock modules).</param>
    /// <exception cref="ArgumentException">Too long or a character cannot be shown.</exception>
    public void Show(string text, bool colon = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > Digits || !text.All(SevenSegment.CanShow))
        {
            throw new ArgumentException("Up to four characters 0-9, A-F, H, L, P, U, '-', '_' or space.", nameof(text));
        }

        Span<byte> raw = stackalloc byte[Digits];
        string padded = text.PadLeft(Digits);
        for (int i = 0; i < Digits; i++)
        {
            raw[i] = SevenSegment.Encode(padded[i]);
        }

        if (colon)
        {
            raw[1] |= 0x80;
        }

        _chip.Display(raw);
    }

    /// <summary>Sets brightness 0–7 and keeps the screen on.</summary>
    public void SetBrightness(byte level) => _chip.SetScreen(level, true);

    /// <summary>Blanks the display.</summary>
    public void Clear() => _chip.ClearDisplay();
}
