using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HallDevices.Devices.Printer;

/// <summary>
/// ESC/POS printer driver over a <see cref="Stream"/>: a serial port or a printer device file
/// such as <c>/dev/usb/lp0</c> opened read/write. It does not own the stream.
/// </summary>
public sealed partial class EscPosPrinter : IDisposable
{
    private readonly Stream _stream;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Creates the driver.</summary>
    /// <param name="stream">An open, writable (and for status, readable) stream.</param>
    /// <param name="timeProvider">Clock for status timeouts.</param>
    /// <param name="logger">Logger.</param>
    /// <param name="statusTimeout">How long to wait for each status byte (default 500 ms).</param>
    public EscPosPrinter(Stream stream, TimeProvider? timeProvider = null, ILogger<EscPosPrinter>? logger = null, TimeSpan? statusTimeout = null)
    {
        _stream = stream ?? throw new ArgumentNullException(nameof(stream));
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        StatusTimeout = statusTimeout ?? TimeSpan.FromMilliseconds(500);
    }

    /// <summary>How long to wait for each status byte.</summary>
    public TimeSpan StatusTimeout { get; }

    /// <summary>Sends a print job (for example from <see cref="EscPosBuilder.ToArray"/>).</summary>
    public async Task PrintAsync(ReadOnlyMemory<byte> job, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await _stream.WriteAsync(job, cancellationToken);
            await _stream.FlushAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Queries <c>DLE EOT 1</c>–<c>4</c> and decodes the answers.</summary>
    /// <exception cref="TimeoutException">A status byte did not arrive in time (printer off or not bidirectional).</exception>
    public async Task<PrinterStatus> QueryStatusAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var bytes = new byte[4];
            for (int n = 1; n <= 4; n++)
            {
                bytes[n - 1] = await QueryOneAsync(n, cancellationToken);
            }

            var status = PrinterStatus.Decode(bytes[0], bytes[1], bytes[2], bytes[3]);
            LogStatus(status.Health, bytes[0], bytes[1], bytes[2], bytes[3]);
            return status;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<byte> QueryOneAsync(int n, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(StatusTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        await _stream.WriteAsync(PrinterStatus.Query(n), cancellationToken);
        await _stream.FlushAsync(cancellationToken);
        var one = new byte[1];
        while (true)
        {
            int read;
            try
            {
                read = await _stream.ReadAsync(one, linked.Token);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"Printer did not answer DLE EOT {n} within {StatusTimeout.TotalMilliseconds:0} ms.");
            }

            if (read == 0)
            {
                throw new EndOfStreamException("Printer stream ended.");
            }

            // Late answers and noise lack the fixed status bits; skip them and keep waiting.
            if (PrinterStatus.IsStatusByte(one[0]))
            {
                return one[0];
            }

            LogNoise(one[0]);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    [LoggerMessage(Level = LogLevel.Debug, Message = "Printer status {Health} ({S1:X2} {S2:X2} {S3:X2} {S4:X2})")]
    private partial void LogStatus(PrinterHealth health, byte s1, byte s2, byte s3, byte s4);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Printer sent 0x{Byte:X2} where a status byte was expected; skipped")]
    private partial void LogNoise(byte @byte);
}
