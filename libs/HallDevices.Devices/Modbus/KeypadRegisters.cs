namespace HallDevices.Devices.Modbus;

/// <summary>Device-side registers of an emulated keypad.</summary>
public sealed class KeypadRegisters : ArrayRegisterBank
{
    /// <summary>Creates the bank (0x0000–0x0018).</summary>
    public KeypadRegisters()
        : base(BusRegisters.KeypadDisplay + BusRegisters.KeypadDisplayRegisters) =>
        AllowWrite(BusRegisters.KeypadDisplay, BusRegisters.KeypadDisplayRegisters);

    /// <summary>Simulates a key press.</summary>
    public void Press(KeypadKey key) => EventRegisters.Push(this, (ushort)key);

    /// <summary>What the display shows.</summary>
    public string DisplayText
    {
        get
        {
            Span<ushort> regs = stackalloc ushort[BusRegisters.KeypadDisplayRegisters];
            Read(BusRegisters.KeypadDisplay, (ushort)regs.Length, regs);
            return KeypadText.Decode(regs);
        }
    }

    /// <inheritdoc />
    protected override ModbusExceptionCode? Validate(ushort address, ReadOnlySpan<ushort> values) =>
        address == BusRegisters.KeypadDisplay && values.Length > 0 && values[0] > BusRegisters.KeypadDisplayChars
            ? ModbusExceptionCode.IllegalDataValue
            : null;
}
