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

/// <summary>CRC-16/MODBUS: polynomial 0xA001 (reflected 0x8005), initial 0xFFFF, sent low byte first.</summary>
public static class ModbusCrc
{
    private static readonly ushort[] Table = BuildTable();

    /// <summary>Computes the CRC of the bytes.</summary>
    public static ushort Compute(ReadOnlySpan<byte> bytes)
    {
        ushort crc = 0xFFFF;
        foreach (byte b in bytes)
        {
            crc = (ushort)((crc >> 8) ^ Table[(crc ^ b) & 0xFF]);
        }

        return crc;
    }

    /// <summary>True when the last two bytes are the CRC (low byte first) of the rest.</summary>
    public static bool Check(ReadOnlySpan<byte> frame) =>
        frame.Length >= 4 && Compute(frame[..^2]) == (ushort)(frame[^2] | (frame[^1] << 8));

    /// <summary>Returns the PDU with the slave address in front and the CRC appended.</summary>
    public static byte[] Seal(ReadOnlySpan<byte> withoutCrc)
    {
        var frame = new byte[withoutCrc.Length + 2];
        withoutCrc.CopyTo(frame);
        ushort crc = Compute(withoutCrc);
        frame[^2] = (byte)crc;
        frame[^1] = (byte)(crc >> 8);
        return frame;
    }

    private static ushort[] BuildTable()
    {
        var table = new ushort[256];
        for (int i = 0; i < 256; i++)
        {
            ushort c = (ushort)i;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? (ushort)((c >> 1) ^ 0xA001) : (ushort)(c >> 1);
            }

            table[i] = c;
        }

        return table;
    }
}

/// <summary>A decoded request as a slave sees it.</summary>
/// <param name="Slave">Slave address (0 = broadcast).</param>
/// <param name="Function">Function code byte as sent.</param>
/// <param name="Address">First register.</param>
/// <param name="Count">Register count (1 for function 06).</param>
/// <param name="Values">Values written (empty for function 03).</param>
public sealed record ModbusRequest(byte Slave, byte Function, ushort Address, ushort Count, ushort[] Values);

/// <summary>A decoded reply as the master sees it.</summary>
/// <param name="Slave">Slave address.</param>
/// <param name="Function">Function (without the exception bit).</param>
/// <param name="Exception">Exception code, or <see langword="null"/> for a normal reply.</param>
/// <param name="Registers">Registers read (function 03), otherwise empty.</param>
/// <param name="Address">Echoed address (functions 06 and 16).</param>
/// <param name="Value">Echoed value (06) or count (16).</param>
public sealed record ModbusResponse(byte Slave, ModbusFunction Function, ModbusExceptionCode? Exception, ushort[] Registers, ushort Address, ushort Value);

/// <summary>
/// Pure Modbus RTU frame codec for both ends. RTU frames carry no length field, so the master
/// decodes with knowledge of the request it sent and the slave derives the length from the
/// function code; both resynchronise by dropping one byte when no valid frame starts here.
/// </summary>
public static class ModbusRtuCodec
{
    /// <summary>Most registers one read may ask for (Modbus spec: 125).</summary>
    public const int MaxReadCount = 125;

    /// <summary>Most registers one multiple write may carry (Modbus spec: 123).</summary>
    public const int MaxWriteCount = 123;

    /// <summary>Function 03 request.</summary>
    public static byte[] ReadHoldingRegisters(byte slave, ushort address, ushort count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, (ushort)1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, (ushort)MaxReadCount);
        return ModbusCrc.Seal([slave, 0x03, (byte)(address >> 8), (byte)address, (byte)(count >> 8), (byte)count]);
    }

    /// <summary>Function 06 request (also the slave's echo reply).</summary>
    public static byte[] WriteSingleRegister(byte slave, ushort address, ushort value) =>
        ModbusCrc.Seal([slave, 0x06, (byte)(address >> 8), (byte)address, (byte)(value >> 8), (byte)value]);

    /// <summary>Function 16 request.</summary>
    public static byte[] WriteMultipleRegisters(byte slave, ushort address, ReadOnlySpan<ushort> values)
    {
        if (values.Length is < 1 or > MaxWriteCount)
        {
            throw new ArgumentOutOfRangeException(nameof(values), $"Function 16 writes 1..{MaxWriteCount} registers.");
        }

        var pdu = new byte[7 + (values.Length * 2)];
        pdu[0] = slave;
        pdu[1] = 0x10;
        pdu[2] = (byte)(address >> 8);
        pdu[3] = (byte)address;
        pdu[4] = 0;
        pdu[5] = (byte)values.Length;
        pdu[6] = (byte)(values.Length * 2);
        for (int i = 0; i < values.Length; i++)
        {
            pdu[7 + (2 * i)] = (byte)(values[i] >> 8);
            pdu[8 + (2 * i)] = (byte)values[i];
        }

        return ModbusCrc.Seal(pdu);
    }

    /// <summary>Function 03 reply (slave side).</summary>
    public static byte[] ReadResponse(byte slave, ReadOnlySpan<ushort> registers)
    {
        var pdu = new byte[3 + (registers.Length * 2)];
        pdu[0] = slave;
        pdu[1] = 0x03;
        pdu[2] = (byte)(registers.Length * 2);
        for (int i = 0; i < registers.Length; i++)
        {
            pdu[3 + (2 * i)] = (byte)(registers[i] >> 8);
            pdu[4 + (2 * i)] = (byte)registers[i];
        }

        return ModbusCrc.Seal(pdu);
    }

    /// <summary>Function 16 reply (slave side): address and count echoed.</summary>
    public static byte[] WriteMultipleResponse(byte slave, ushort address, ushort count) =>
        ModbusCrc.Seal([slave, 0x10, (byte)(address >> 8), (byte)address, (byte)(count >> 8), (byte)count]);

    /// <summary>Exception reply (slave side).</summary>
    public static byte[] ExceptionResponse(byte slave, byte function, ModbusExceptionCode code) =>
        ModbusCrc.Seal([slave, (byte)(function | 0x80), (byte)code]);

    /// <summary>
    /// Master side: finds the reply to <paramref name="request"/> in <paramref name="buffer"/>.
    /// </summary>
    /// <param name="request">The request frame that was sent.</param>
    /// <param name="buffer">Bytes received so far.</param>
    /// <param name="response">The reply when found.</param>
    /// <param name="consumed">Bytes the caller may drop (noise and the reply itself).</param>
    /// <returns><see langword="true"/> when a valid reply was found.</returns>
    public static bool TryDecodeResponse(ReadOnlySpan<byte> request, ReadOnlySpan<byte> buffer, out ModbusResponse? response, out int consumed)
    {
        response = null;
        consumed = 0;
        if (request.Length < 4)
        {
            throw new ArgumentException("Not a request frame.", nameof(request));
        }

        byte slave = request[0];
        byte fn = request[1];
        int expectedLength = fn == 0x03 ? 5 + (((request[4] << 8) | request[5]) * 2) : 8;
        for (int start = 0; start < buffer.Length; start++)
        {
            var rest = buffer[start..];
            if (rest[0] != slave)
            {
                continue;
            }

            if (rest.Length < 2)
            {
                break;
            }

            if (rest[1] == (fn | 0x80))
            {
                if (rest.Length < 5)
                {
                    break;
                }

                if (ModbusCrc.Check(rest[..5]))
                {
                    response = new ModbusResponse(slave, (ModbusFunction)fn, (ModbusExceptionCode)rest[2], [], 0, 0);
                    consumed = start + 5;
                    return true;
                }

                continue;
            }

            if (rest[1] != fn)
            {
                continue;
            }

            if (rest.Length < expectedLength)
            {
                // Wait for more, but noise before a frame must not hide a later one: keep scanning
                // only once the buffer holds enough bytes to judge this start.
                break;
            }

            var frame = rest[..expectedLength];
            if (!ModbusCrc.Check(frame) || (fn == 0x03 && frame[2] != expectedLength - 5))
            {
                continue;
            }

            response = fn == 0x03
                ? new ModbusResponse(slave, ModbusFunction.ReadHoldingRegisters, null, ReadWords(frame.Slice(3, frame[2])), 0, 0)
                : new ModbusResponse(slave, (ModbusFunction)fn, null, [], (ushort)((frame[2] << 8) | frame[3]), (ushort)((frame[4] << 8) | frame[5]));
            consumed = start + expectedLength;
            return true;
        }

        return false;
    }

    /// <summary>Big-endian words from bytes.</summary>
    public static ushort[] ReadWords(ReadOnlySpan<byte> bytes)
    {
        var words = new ushort[bytes.Length / 2];
        for (int i = 0; i < words.Length; i++)
        {
            words[i] = (ushort)((bytes[2 * i] << 8) | bytes[(2 * i) + 1]);
        }

        return words;
    }
}
