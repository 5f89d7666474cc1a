namespace HallDevices.Devices.Modbus;

/// <summary>Device-side registers of an emulated LED window strip.</summary>
public sealed class LedStripRegisters : ArrayRegisterBank
{
    /// <summary>Creates the bank (0x0000–0x0021), brightness 8.</summary>
    public LedStripRegisters()
        : base(BusRegisters.StripText + BusRegisters.StripMaxChars)
    {
        AllowWrite(0, BusRegisters.StripText + BusRegisters.StripMaxChars);
        this[BusRegisters.StripBrightness] = 8;
    }

    /// <summary>Raised after the master changed text or brightness.</summary>
    public event EventHandler? Changed;

    /// <summary>Brightness 0–15.</summary>
    public int Brightness => this[BusRegisters.StripBrightness];

    /// <summary>The text shown.</summary>
    public string Text
    {
        get
        {
            int length = Math.Min((int)this[BusRegisters.StripTextLength], BusRegisters.StripMaxChars);
            var chars = new char[length];
            for (int i = 0; i < length; i++)
            {
                chars[i] = (char)this[BusRegisters.StripText + i];
            }

            return new string(chars);
        }
    }

    /// <inheritdoc />
    protected override ModbusExceptionCode? Validate(ushort address, ReadOnlySpan<ushort> values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            int a = address + i;
            if ((a == BusRegisters.StripBrightness && values[i] > 15) || (a == BusRegisters.StripTextLength && values[i] > BusRegisters.StripMaxChars))
            {
                return ModbusExceptionCode.IllegalDataValue;
            }
        }

        return null;
    }

    /// <inheritdoc />
    protected override void OnWritten(int address, int count) => Changed?.Invoke(this, EventArgs.Empty);
}
