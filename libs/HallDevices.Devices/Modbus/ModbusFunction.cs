namespace HallDevices.Devices.Modbus;

/// <summary>Modbus function codes this project uses.</summary>
public enum ModbusFunction : byte
{
    /// <summary>03: read holding registers.</summary>
    ReadHoldingRegisters = 0x03,

    /// <summary>06: write single register.</summary>
    WriteSingleRegister = 0x06,

    /// <summary>16: write multiple registers.</summary>
    WriteMultipleRegisters = 0x10,
}
