namespace HallDevices.Devices.Modbus;

/// <summary>Master-side driver for an evaluator (好差评 pad) on the bus.</summary>
/// <param name="master">The bus master.</param>
/// <param name="address">The evaluator's slave address.</param>
public sealed class Evaluator(ModbusRtuMaster master, byte address)
{
    private readonly EventRing _ring = new();

    /// <summary>The slave address.</summary>
    public byte Address { get; } = address;

    /// <summary>Reads scores (1–5) pressed since the last poll, oldest first (the first poll returns none).</summary>
    public async Task<IReadOnlyList<int>> PollAsync(CancellationToken cancellationToken = default)
    {
        ushort[] regs = await master.ReadHoldingRegistersAsync(Address, BusRegisters.EventSequence, 1 + BusRegisters.EventHistory, cancellationToken);
        return _ring.Take(regs).Where(s => s is >= 1 and <= 5).Select(s => (int)s).ToList();
    }

    /// <summary>Turns the "please rate" prompt on or off.</summary>
    public Task SetPromptAsync(bool on, CancellationToken cancellationToken = default) =>
        master.WriteSingleRegisterAsync(Address, BusRegisters.EvaluatorPrompt, on ? (ushort)1 : (ushort)0, cancellationToken);

    /// <summary>Reads the prompt register back (function 03): an evaluator that restarted comes back with it off.</summary>
    public async Task<bool> ReadPromptAsync(CancellationToken cancellationToken = default) =>
        (await master.ReadHoldingRegistersAsync(Address, BusRegisters.EvaluatorPrompt, 1, cancellationToken))[0] != 0;
}
