using System.IO.Ports;
using HallDevices.Devices.Serial;

namespace HallDevices.DeviceSim.Emulators;

/// <summary>
/// The emulator's end of the wire: an existing serial device (<c>--port PATH</c>: one end of a pty
/// pair or a real port) or a pty pair it makes itself, printing the path the host should open.
/// </summary>
public sealed class SerialEndpoint : IDisposable
{
    private readonly SerialPort _port;
    private readonly VirtualSerialPair? _pair;

    private SerialEndpoint(SerialPort port, VirtualSerialPair? pair)
    {
        _port = port;
        _pair = pair;
    }

    /// <summary>The byte stream to the host.</summary>
    public Stream Stream => _port.BaseStream;

    /// <summary>The path the host should open, when the endpoint made its own pty pair.</summary>
    public string? HostPath => _pair?.HostPath;

    /// <summary>Opens <paramref name="path"/>, or a new pty pair when it is null.</summary>
    public static SerialEndpoint Open(string? path, int baudRate, string name)
    {
        var pair = path is null ? VirtualSerialPair.Create(name) : null;
        var port = new SerialPort(path ?? pair!.DevicePath, baudRate, Parity.None, 8, StopBits.One)
        {
            // DTR/RTS are left alone: setting them throws on a pty (docs/design.md).
            ReadTimeout = SerialPort.InfiniteTimeout,
            WriteTimeout = 2000,
        };
        try
        {
            port.Open();

            // A device that has just been switched on has heard nothing: what the host wrote to the
            // line while no emulator was there (a pty buffers it) is thrown away, not answered late.
            port.DiscardInBuffer();
        }
        catch
        {
            port.Dispose();
            pair?.Dispose();
            throw;
        }

        return new SerialEndpoint(port, pair);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _port.Dispose();
        _pair?.Dispose();
    }
}
