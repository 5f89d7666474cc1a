using System.Device.Spi;

namespace HallDevices.Devices.Signs;

/// <summary>
/// An <see cref="SpiDevice"/> that records every write instead of driving wires: the test double and
/// the simulator's view of what a MAX7219 chain was told. Feed the writes to <see cref="Max7219ChainModel"/>.
/// </summary>
public sealed class RecordingSpiDevice : SpiDevice
{
    private readonly List<byte[]> _writes = [];

    /// <summary>Creates the device with MAX7219-compatible settings.</summary>
    public RecordingSpiDevice(SpiConnectionSettings? settings = null)
    {
        ConnectionSettings = settings ?? new SpiConnectionSettings(0, 0) { ClockFrequency = Iot.Device.Max7219.Max7219.SpiClockFrequency, Mode = Iot.Device.Max7219.Max7219.SpiMode };
    }

    /// <summary>Raised after each write (one chip-select cycle).</summary>
    public event EventHandler<byte[]>? Written;

    /// <summary>All writes so far, one array per chip-select cycle.</summary>
    public IReadOnlyList<byte[]> Writes => _writes;

    /// <inheritdoc />
    public override SpiConnectionSettings ConnectionSettings { get; }

    /// <inheritdoc />
    public override byte ReadByte() => 0;

    /// <inheritdoc />
    public override void Read(Span<byte> buffer) => buffer.Clear();

    /// <inheritdoc />
    public override void WriteByte(byte value) => Write([value]);

    /// <inheritdoc />
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        byte[] copy = buffer.ToArray();
        _writes.Add(copy);
        Written?.Invoke(this, copy);
    }

    /// <inheritdoc />
    public override void TransferFullDuplex(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        Write(writeBuffer);
        readBuffer.Clear();
    }
}
