namespace HallDevices.Devices.Modbus;

/// <summary>
/// A register bank backed by an array, with a per-register writability mask. Subclasses react to
/// writes (see the device register maps).
/// </summary>
public class ArrayRegisterBank : IModbusRegisterBank
{
    private readonly ushort[] _registers;
    private readonly bool[] _writable;

    /// <summary>Creates a bank of <paramref name="size"/> registers, all read-only.</summary>
    public ArrayRegisterBank(int size)
    {
        _registers = new ushort[size];
        _writable = new bool[size];
    }

    /// <summary>Direct access for the device side (not through the bus).</summary>
    public ushort this[int address]
    {
        get => _registers[address];
        set => _registers[address] = value;
    }

    /// <summary>Marks a range writable by the master.</summary>
    protected void AllowWrite(int address, int count) => Array.Fill(_writable, true, address, count);

    /// <inheritdoc />
    public ModbusExceptionCode? Read(ushort address, ushort count, Span<ushort> destination)
    {
        if (address + count > _registers.Length)
        {
            return ModbusExceptionCode.IllegalDataAddress;
        }

        _registers.AsSpan(address, count).CopyTo(destination);
        return null;
    }

    /// <inheritdoc />
    public ModbusExceptionCode? Write(ushort address, ReadOnlySpan<ushort> values)
    {
        if (address + values.Length > _registers.Length || _writable.AsSpan(address, values.Length).Contains(false))
        {
            return ModbusExceptionCode.IllegalDataAddress;
        }

        var error = Validate(address, values);
        if (error is not null)
        {
            return error;
        }

        values.CopyTo(_registers.AsSpan(address));
        OnWritten(address, values.Length);
        return null;
    }

    /// <summary>Checks values before a write; return an exception code to refuse it.</summary>
    protected virtual ModbusExceptionCode? Validate(ushort address, ReadOnlySpan<ushort> values) => null;

    /// <summary>Called after a successful write.</summary>
    protected virtual void OnWritten(int address, int count)
    {
    }
}
