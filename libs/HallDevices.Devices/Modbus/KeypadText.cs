namespace HallDevices.Devices.Modbus;

/// <summary>
/// Encoding of the keypad's display block: a length register, then up to 8 UTF-16 code units, one
/// per register (the LED strip's encoding), so Chinese travels as it is.
/// </summary>
public static class KeypadText
{
    /// <summary>
    /// The 9 registers for <paramref name="text"/>: its length, its code units, zeros after them
    /// (the whole block is written, so nothing of a longer previous text remains in the registers).
    /// </summary>
    /// <exception cref="ArgumentException">Longer than 8 code units or holding control characters.</exception>
    public static ushort[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > BusRegisters.KeypadDisplayChars || text.Any(char.IsControl))
        {
            throw new ArgumentException($"The keypad shows up to {BusRegisters.KeypadDisplayChars} characters and no control characters.", nameof(text));
        }

        var regs = new ushort[BusRegisters.KeypadDisplayRegisters];
        regs[0] = (ushort)text.Length;
        for (int i = 0; i < text.Length; i++)
        {
            regs[1 + i] = text[i];
        }

        return regs;
    }

    /// <summary>The text held by a display block (length register first); a length past 8 reads as 8.</summary>
    public static string Decode(ReadOnlySpan<ushort> registers)
    {
        if (registers.IsEmpty)
        {
            return string.Empty;
        }

        int length = Math.Min(Math.Min((int)registers[0], BusRegisters.KeypadDisplayChars), registers.Length - 1);
        var chars = new char[length];
        for (int i = 0; i < length; i++)
        {
            chars[i] = (char)registers[1 + i];
        }

        return new string(chars);
    }
}
