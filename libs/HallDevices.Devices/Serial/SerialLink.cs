using System.IO.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HallDevices.Devices.Serial;

/// <summary>
/// A thin System.IO.Ports transport that survives unplug/replug. It opens the port, runs a
/// session (a driver loop) over the port's stream, and treats any I/O failure as a disconnect:
/// closes the port, reports <see cref="SerialLinkState.Disconnected"/>, and tries to reopen every
/// <see cref="SerialLinkOptions.ReconnectInterval"/> until the device returns. DTR/RTS are never
/// touched: setting them throws on a pty (docs/design.md §7) and our devices do not use them.
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
