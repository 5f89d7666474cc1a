namespace HallDevices.Devices.Modbus;

/// <summary>Master-side driver for an LED window strip on the bus.</summary>
/// <param name="master">The bus master.</param>
/// <param name="address">The strip's slave address.</param>
public sealed class LedWindowStrip(ModbusRtuMaster master, byte address)
{
    /// <summary>The slave address.</summary>
    public byte Address { get; } = address;

    /// <summary>Shows text (up to 32 UTF-16 units; Chinese allowed) in one function-16 write.</summary>
    /// <exception cref="ArgumentException">The text is longer than the strip holds.</exception>
    public Task ShowTextAsync(string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > BusRegisters.StripMaxChars)
        {
            throw new ArgumentException($"The strip holds {BusRegisters.StripMaxChars} characters.", nameof(text));
        }

        var regs = new ushort[1 + text.Length];
        regs[0] = (ushort)text.Length;
        for (int i = 0; i < text.Length; i++)
        {
            regs[i + 1] = text[i];
        }

        return master.WriteMultipleRegistersAsync(Address, BusRegisters.StripTextLength, regs, cancellationToken);
    }

    /// <summary>
    /// Reads brightness and text length back (function 03, two registers): the cheap question a
    /// master asks a strip it has nothing new to tell, to learn that it still answers and still
    /// holds its text (a strip that restarted comes back blank, length 0).
    /// </summary>
    public async Task<LedStripReading> ReadAsync(CancellationToken cancellationToken = default)
    {
        ushort[] regs = await master.ReadHoldingRegistersAsync(Address, BusRegisters.StripBrightness, 2, cancellationToken);
        return new LedStripReading(regs[0], regs[1]);
    }

    /// <summary>Sets brightness 0–15.</summary>
    public Task SetBrightnessAsync(int level, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(level);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, 15);
        return master.WriteSingleRegisterAsync(Address, BusRegisters.StripBrightness, (ushort)level, cancellationToken);
    }
}
