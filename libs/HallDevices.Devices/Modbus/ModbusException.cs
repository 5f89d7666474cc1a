namespace HallDevices.Devices.Modbus;

/// <summary>Raised when a slave answers with an exception response.</summary>
public sealed class ModbusException : Exception
{
    /// <summary>Creates the exception for a slave, function and code.</summary>
    public ModbusException(byte slave, ModbusFunction function, ModbusExceptionCode code)
        : base($"Modbus slave {slave} rejected function {(byte)function:X2} with exception {(byte)code:X2} ({code}).")
    {
        Slave = slave;
        Function = function;
        Code = code;
    }

    /// <summary>Creates the exception.</summary>
    public ModbusException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ModbusException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public ModbusException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The slave address.</summary>
    public byte Slave { get; }

    /// <summary>The function that was rejected.</summary>
    public ModbusFunction Function { get; }

    /// <summary>The exception code.</summary>
    public ModbusExceptionCode Code { get; }
}
