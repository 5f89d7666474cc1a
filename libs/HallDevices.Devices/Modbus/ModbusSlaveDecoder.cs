namespace HallDevices.Devices.Modbus;

/// <summary>
/// Slave-side incremental request decoder (for the emulator). Derives each frame's length from its
/// function code, checks the CRC, and drops one byte whenever no valid request starts at the
/// head of the buffer. Unknown functions are decoded when a CRC-valid frame of a common length
/// (4–8 bytes) starts there, so the slave can answer "illegal function"; otherwise dropped.
/// </summary>
public sealed class ModbusSlaveDecoder
{
    private readonly List<byte> _buffer = [];

    /// <summary>Bytes dropped while resynchronising.</summary>
    public long DiscardedBytes { get; private set; }

    /// <summary>Appends received bytes.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        foreach (byte b in data)
        {
            _buffer.Add(b);
        }
    }

    /// <summary>Drops buffered bytes (call after a silent interval: RTU frames never pause 3.5 characters inside).</summary>
    public void Reset()
    {
        DiscardedBytes += _buffer.Count;
        _buffer.Clear();
    }

    /// <summary>Tries to take the next request.</summary>
    public bool TryReadRequest(out ModbusRequest? request)
    {
        request = null;
        while (_buffer.Count >= 2)
        {
            byte fn = _buffer[1];
            int length;
            if (fn is 0x03 or 0x06)
            {
                length = 8;
            }
            else if (fn == 0x10)
            {
                if (_buffer.Count < 7)
                {
                    return false;
                }

                length = 9 + _buffer[6];
            }
            else
            {
                if (_buffer.Count < 8)
                {
                    return false;
                }

                length = 0;
                for (int l = 4; l <= 8; l++)
                {
                    if (ModbusCrc.Check(Span(l)))
                    {
                        length = l;
                        break;
                    }
                }

                if (length == 0)
                {
                    Drop(1);
                    continue;
                }

                request = new ModbusRequest(_buffer[0], fn, 0, 0, []);
                Take(length);
                return true;
            }

            if (_buffer.Count < length)
            {
                return false;
            }

            var frame = Span(length);
            if (!ModbusCrc.Check(frame) || (fn == 0x10 && frame[6] != ((frame[4] << 8) | frame[5]) * 2))
            {
                Drop(1);
                continue;
            }

            ushort address = (ushort)((frame[2] << 8) | frame[3]);
            ushort second = (ushort)((frame[4] << 8) | frame[5]);
            request = fn switch
            {
                0x03 => new ModbusRequest(frame[0], fn, address, second, []),
                0x06 => new ModbusRequest(frame[0], fn, address, 1, [second]),
                _ => new ModbusRequest(frame[0], fn, address, second, ModbusRtuCodec.ReadWords(frame.Slice(7, frame[6]))),
            };
            Take(length);
            return true;
        }

        return false;
    }

    private ReadOnlySpan<byte> Span(int length) => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_buffer)[..length];

    private void Drop(int n)
    {
        DiscardedBytes += n;
        _buffer.RemoveRange(0, n);
    }

    private void Take(int n) => _buffer.RemoveRange(0, n);
}
