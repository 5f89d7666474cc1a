namespace HallDevices.Devices.Modbus;

/// <summary>Master-side driver for a window caller keypad on the bus.</summary>
/// <param name="master">The bus master.</param>
/// <param name="address">The keypad's slave address.</param>
public sealed class CallerKeypad(ModbusRtuMaster master, byte address)
{
    private readonly EventRing _ring = new();

    /// <summary>The slave address.</summary>
    public byte Address { get; } = address;

    /// <summary>Events lost because more than four keys were pressed between two polls.</summary>
    public int LostEvents => _ring.Lost;

    /// <summary>Reads key presses since the last poll, oldest first (the first poll returns none).</summary>
    public async Task<IReadOnlyList<KeypadKey>> PollAsync(CancellationToken cancellationToken = default)
    {
        ushort[] regs = await master.ReadHoldingRegistersAsync(Address, BusRegisters.EventSequence, 1 + BusRegisters.EventHistory, cancellationToken);
        return _ring.Take(regs).Where(k => Enum.IsDefined((KeypadKey)k)).Select(k => (KeypadKey)k).ToList();
    }

    /// <summary>Shows up to 8 characters, Chinese allowed (the ticket number, 无人等候), in one function-16 write.</summary>
    /// <exception cref="ArgumentException">Longer than the display or holding control characters.</exception>
    public Task ShowAsync(string text, CancellationToken cancellationToken = default) =>
        master.WriteMultipleRegistersAsync(Address, BusRegisters.KeypadDisplay, KeypadText.Encode(text), cancellationToken);

    /// <summary>
    /// Reads the display block back (function 03, 9 registers): a keypad that restarted between two
    /// polls still answers them, but shows nothing until it is written again.
    /// </summary>
    public async Task<string> ReadTextAsync(CancellationToken cancellationToken = default) =>
        KeypadText.Decode(await master.ReadHoldingRegistersAsync(Address, BusRegisters.KeypadDisplay, BusRegisters.KeypadDisplayRegisters, cancellationToken));
}
