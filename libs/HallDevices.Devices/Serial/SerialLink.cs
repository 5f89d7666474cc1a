using System.IO.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HallDevices.Devices.Serial;

/// <summary>Serial settings for <see cref="SerialLink"/>.</summary>
public sealed class SerialLinkOptions
{
    /// <summary>Device path, e.g. <c>/dev/ttyUSB0</c> or a pty link.</summary>
    public string PortName { get; set; } = string.Empty;

    /// <summary>Baud rate (ID-card readers 115200, scanners 9600 or 115200).</summary>
    public int BaudRate { get; set; } = 115200;

    /// <summary>Parity.</summary>
    public Parity Parity { get; set; } = Parity.None;

    /// <summary>Data bits.</summary>
    public int DataBits { get; set; } = 8;

    /// <summary>Stop bits.</summary>
    public StopBits StopBits { get; set; } = StopBits.One;

    /// <summary>Wait between reopen attempts after a disconnect.</summary>
    public TimeSpan ReconnectInterval { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>Whether the port is usable.</summary>
public enum SerialLinkState
{
    /// <summary>Not open: never opened, unplugged, or the peer went away.</summary>
    Disconnected,

    /// <summary>Open and handed to the session.</summary>
    Connected,
}

/// <summary>A state change of a <see cref="SerialLink"/>.</summary>
/// <param name="state">The new state.</param>
/// <param name="reason">Why (the exception message for a disconnect), or <see langword="null"/>.</param>
public sealed class SerialLinkStateChangedEventArgs(SerialLinkState state, string? reason) : EventArgs
{
    /// <summary>The new state.</summary>
    public SerialLinkState State { get; } = state;

    /// <summary>Why the state changed, when known.</summary>
    public string? Reason { get; } = reason;
}

/// <summary>
/// A thin System.IO.Ports transport that survives unplug/replug. It opens the port, runs a
/// session (a driver loop) over the port's stream, and treats any I/O failure as a disconnect:
/// closes the port, reports <see cref="SerialLinkState.Disconnected"/>, and tries to reopen every
/// <see cref="SerialLinkOptions.ReconnectInterval"/> until the device returns. DTR/RTS are never
/// touched: setting them throws on a pty (DESIGN.md §7) and our devices do not use them.
/// </summary>
public sealed partial class SerialLink
{
    private readonly SerialLinkOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the link; nothing is opened until <see cref="RunAsync"/>.</summary>
    public SerialLink(SerialLinkOptions options, TimeProvider? timeProvider = null, ILogger<SerialLink>? logger = null)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        if (string.IsNullOrWhiteSpace(options.PortName))
        {
            throw new ArgumentException("A port name is required.", nameof(options));
        }

        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>Current state.</summary>
    public SerialLinkState State { get; private set; } = SerialLinkState.Disconnected;

    /// <summary>Raised on every transition between connected and disconnected.</summary>
    public event EventHandler<SerialLinkStateChangedEventArgs>? StateChanged;

    /// <summary>
    /// Keeps the port open and runs <paramref name="session"/> over it until cancelled. The session
    /// returning or throwing an I/O-type exception means the link dropped; other exceptions are
    /// bugs and propagate.
    /// </summary>
    public async Task RunAsync(Func<Stream, CancellationToken, Task> session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        while (!cancellationToken.IsCancellationRequested)
        {
            SerialPort? port = TryOpen();
            if (port is not null)
            {
                string reason = "session ended";
                try
                {
                    SetState(SerialLinkState.Connected, null);
                    await session(port.BaseStream, cancellationToken);
                }
                catch (Exception ex) when (IsDisconnect(ex) && !cancellationToken.IsCancellationRequested)
                {
                    reason = ex.Message;
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    reason = "stopped";
                }
                finally
                {
                    Close(port);
                }

                SetState(SerialLinkState.Disconnected, reason);
            }

            try
            {
                await Task.Delay(_options.ReconnectInterval, _time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Exceptions that mean "the device or its cable went away".</summary>
    public static bool IsDisconnect(Exception exception) =>
        exception is IOException or UnauthorizedAccessException or ObjectDisposedException or InvalidOperationException or TimeoutException;

    private SerialPort? TryOpen()
    {
        var port = new SerialPort(_options.PortName, _options.BaudRate, _options.Parity, _options.DataBits, _options.StopBits)
        {
            Handshake = Handshake.None,
        };
        try
        {
            port.Open();
            return port;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            LogOpenFailed(_options.PortName, ex.Message);
            port.Dispose();
            return null;
        }
    }

    private void Close(SerialPort port)
    {
        try
        {
            port.Dispose();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            // Closing a port whose device vanished can fail; it is gone either way.
            LogCloseFailed(_options.PortName, ex.Message);
        }
    }

    private void SetState(SerialLinkState state, string? reason)
    {
        if (State == state)
        {
            return;
        }

        State = state;
        LogState(_options.PortName, state, reason);
        StateChanged?.Invoke(this, new SerialLinkStateChangedEventArgs(state, reason));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Serial port {Port} is {State} ({Reason})")]
    private partial void LogState(string port, SerialLinkState state, string? reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Serial port {Port} could not be opened: {Reason}")]
    private partial void LogOpenFailed(string port, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Serial port {Port} did not close cleanly: {Reason}")]
    private partial void LogCloseFailed(string port, string reason);
}
