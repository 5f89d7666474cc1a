namespace HallDevices.Devices.Modbus;

/// <summary>
/// The slave end of an RS-485 bus, pure: bytes from the master in, reply frames out. Dispatches by
/// slave address; requests for unknown addresses get no reply (as on a real bus) and broadcasts
/// (address 0) are applied without a reply.
/// </summary>
public sealed class ModbusSlaveBus
{
    private readonly ModbusSlaveDecoder _decoder = new();
    private readonly Dictionary<byte, IModbusRegisterBank> _slaves = [];

    /// <summary>Adds a slave.</summary>
    public void Add(byte address, IModbusRegisterBank bank)
    {
        ArgumentOutOfRangeException.ThrowIfZero(address);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(address, (byte)247);
        _slaves[address] = bank ?? throw new ArgumentNullException(nameof(bank));
    }

    /// <summary>Takes a slave off the bus (unplugged): its address goes silent; false when there was none.</summary>
    public bool Remove(byte address) => _slaves.Remove(address);

    /// <summary>The slaves on the bus.</summary>
    public IReadOnlyDictionary<byte, IModbusRegisterBank> Slaves => _slaves;

    /// <summary>Bytes the decoder dropped as noise.</summary>
    public long DiscardedBytes => _decoder.DiscardedBytes;

    /// <summary>Drops a partial request (after a silent gap on the line).</summary>
    public void ResetPartial() => _decoder.Reset();

    /// <summary>Consumes master bytes and returns the replies to send.</summary>
    public IReadOnlyList<byte[]> Feed(ReadOnlySpan<byte> incoming)
    {
        _decoder.Append(incoming);
        var replies = new List<byte[]>();
        while (_decoder.TryReadRequest(out var request))
        {
            if (request!.Slave == 0)
            {
                foreach (var bank in _slaves.Values)
                {
                    Handle(bank, request);
                }

                continue;
            }

            if (_slaves.TryGetValue(request.Slave, out var target))
            {
                replies.Add(Handle(target, request));
            }
        }

        return replies;
    }

    /// <summary>Applies one request to a bank and builds the reply frame.</summary>
    public static byte[] Handle(IModbusRegisterBank bank, ModbusRequest request)
    {
        ArgumentNullException.ThrowIfNull(bank);
        ArgumentNullException.ThrowIfNull(request);
        switch (request.Function)
        {
            case 0x03:
                if (request.Count is < 1 or > ModbusRtuCodec.MaxReadCount)
                {
                    return ModbusRtuCodec.ExceptionResponse(request.Slave, 0x03, ModbusExceptionCode.IllegalDataValue);
                }

                var values = new ushort[request.Count];
                var readError = bank.Read(request.Address, request.Count, values);
                return readError is { } re
                    ? ModbusRtuCodec.ExceptionResponse(request.Slave, 0x03, re)
                    : ModbusRtuCodec.ReadResponse(request.Slave, values);
            case 0x06:
                var writeError = bank.Write(request.Address, request.Values);
                return writeError is { } we
                    ? ModbusRtuCodec.ExceptionResponse(request.Slave, 0x06, we)
                    : ModbusRtuCodec.WriteSingleRegister(request.Slave, request.Address, request.Values[0]);
            case 0x10:
                if (request.Count is < 1 or > ModbusRtuCodec.MaxWriteCount)
                {
                    return ModbusRtuCodec.ExceptionResponse(request.Slave, 0x10, ModbusExceptionCode.IllegalDataValue);
                }

                var multiError = bank.Write(request.Address, request.Values);
                return multiError is { } me
                    ? ModbusRtuCodec.ExceptionResponse(request.Slave, 0x10, me)
                    : ModbusRtuCodec.WriteMultipleResponse(request.Slave, request.Address, request.Count);
            default:
                return ModbusRtuCodec.ExceptionResponse(request.Slave, request.Function, ModbusExceptionCode.IllegalFunction);
        }
    }
}
