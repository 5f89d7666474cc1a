namespace HallDevices.Devices.Modbus;

/// <summary>Modbus exception codes (a reply with function | 0x80 carries one).</summary>
public enum ModbusExceptionCode : byte
{
    /// <summary>01: the slave does not support the function.</summary>
    IllegalFunction = 0x01,

    /// <summary>02: the register range is not mapped.</summary>
    IllegalDataAddress = 0x02,

    /// <summary>03: a value is out of range.</summary>
    IllegalDataValue = 0x03,

    /// <summary>04: the slave failed while acting.</summary>
    SlaveDeviceFailure = 0x04,

    /// <summary>06: the slave is busy.</summary>
    SlaveDeviceBusy = 0x06,
}
