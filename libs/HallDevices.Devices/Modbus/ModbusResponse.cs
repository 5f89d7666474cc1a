namespace HallDevices.Devices.Modbus;

/// <summary>A decoded reply as the master sees it.</summary>
/// <param name="Slave">Slave address.</param>
/// <param name="Function">Function (without the exception bit).</param>
/// <param name="Exception">Exception code, or <see langword="null"/> for a normal reply.</param>
/// <param name="Registers">Registers read (function 03), otherwise empty.</param>
/// <param name="Address">Echoed address (functions 06 and 16).</param>
/// <param name="Value">Echoed value (06) or count (16).</param>
public sealed record ModbusResponse(byte Slave, ModbusFunction Function, ModbusExceptionCode? Exception, ushort[] Registers, ushort Address, ushort Value);
