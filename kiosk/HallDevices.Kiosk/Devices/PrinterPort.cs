using System.IO.Ports;

namespace HallDevices.Kiosk.Devices;

/// <summary>
/// The printer's serial line, used request by request (print, status): opened on first use, closed on an
/// I/O error (a USB adapter pulled out leaves the port "open" with writes failing, docs/design.md §7) and
/// opened again on the next use, so a replugged printer works without restarting the kiosk.
/// </summary>
public sealed class PrinterPort(string path, int baudRate) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SerialPort? _port;

    /// <summary>The port path.</summary>
    public string Path => path;

    /// <summary>Runs <paramref name="action"/> on the open port, reopening it if needed.</summary>
    public async Task<T> UseAsync<T>(Func<Stream, Task<T>> action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            _port ??= Open();
            try
            {
                return await action(_port.BaseStream);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                Close();
                throw;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Close();
        _gate.Dispose();
    }

    /// <summary>Opens a serial port (or a pty) 8N1 without touching DTR/RTS, which throw on a pty.</summary>
    public static SerialPort OpenPort(string path, int baudRate)
    {
        var port = new SerialPort(path, baudRate, Parity.None, 8, StopBits.One) { WriteTimeout = 3000 };
        try
        {
            port.Open();
            return port;
        }
        catch
        {
            port.Dispose();
            throw;
        }
    }

    private SerialPort Open() => OpenPort(path, baudRate);

    private void Close()
    {
        _port?.Dispose();
        _port = null;
    }
}
