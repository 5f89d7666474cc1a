namespace HallDevices.Devices.Modbus;

/// <summary>A decoded request as a slave sees it.</summary>
/// <param name="Slave">Slave address (0 = broadcast).</param>
/// <param name="Function">Function code byte as sent.</param>
/// <param name="Address">First register.</param>
/// <param name="Count">Register count (1 for function 06).</param>
/// <param name="Values">Values written (empty for function 03).</param>
public sealed record ModbusRequest(byte Slave, byte Function, ushort Address, ushort Count, ushort[] Values);
