namespace HallDevices.Devices.Modbus;

/// <summary>Holding registers of one emulated slave.</summary>
public interface IModbusRegisterBank
{
    /// <summary>Reads registers, or returns an exception code.</summary>
    ModbusExceptionCode? Read(ushort address, ushort count, Span<ushort> destination);

    /// <summary>Writes registers, or returns an exception code.</summary>
    ModbusExceptionCode? Write(ushort address, ReadOnlySpan<ushort> values);
}
