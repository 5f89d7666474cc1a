namespace HallDevices.Devices.Modbus;

/// <summary>Device-side registers of an emulated evaluator.</summary>
public sealed class EvaluatorRegisters : ArrayRegisterBank
{
    /// <summary>Creates the bank (0x0000–0x0010).</summary>
    public EvaluatorRegisters()
        : base(BusRegisters.EvaluatorPrompt + 1) => AllowWrite(BusRegisters.EvaluatorPrompt, 1);

    /// <summary>Simulates pressing score 1–5.</summary>
    public void Press(int score)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(score, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(score, 5);
        EventRegisters.Push(this, (ushort)score);
    }

    /// <summary>Whether the prompt is on.</summary>
    public bool Prompt => this[BusRegisters.EvaluatorPrompt] == 1;

    /// <inheritdoc />
    protected override ModbusExceptionCode? Validate(ushort address, ReadOnlySpan<ushort> values) =>
        values.ContainsAnyExcept((ushort)0, (ushort)1) ? ModbusExceptionCode.IllegalDataValue : null;
}
