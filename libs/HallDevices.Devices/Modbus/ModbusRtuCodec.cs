namespace HallDevices.Devices.Modbus;

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
