using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HallDevices.Devices.Modbus;

/// <summary>
/// Modbus RTU master over a <see cref="Stream"/> (an RS-485 adapter's serial port). One transaction
/// at a time; stale bytes are dropped before each request; timeouts are retried.
/// </summary>
public sealed partial class ModbusRtuMaster : IDisposable
{
    private readonly Stream _stream;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ModbusMasterOptions _options;
    private bool _lineMayHoldLateBytes;
    private Task<int>? _pendingRead;
    private Task? _pendingWrite;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly byte[] _readBuffer = new byte[512];

    /// <summary>Creates the master; it does not own the stream.</summary>
    public ModbusRtuMaster(Stream stream, TimeProvider? timeProvider = null, ILogger<ModbusRtuMaster>? logger = null, ModbusMasterOptions? options = null)
    {
        _stream = stream ?? throw new ArgumentNullException(nameof(stream));
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _options = options ?? new ModbusMasterOptions();
    }

    /// <summary>Function 03.</summary>
    /// <exception cref="ModbusException">The slave answered with an exception.</exception>
    /// <exception cref="TimeoutException">No valid reply after all retries.</exception>
    public async Task<ushort[]> ReadHoldingRegistersAsync(byte slave, ushort address, ushort count, CancellationToken cancellationToken = default) =>
        (await TransactAsync(ModbusRtuCodec.ReadHoldingRegisters(slave, address, count), cancellationToken)).Registers;

    /// <summary>Function 06.</summary>
    public Task WriteSingleRegisterAsync(byte slave, ushort address, ushort value, CancellationToken cancellationToken = default) =>
        TransactAsync(ModbusRtuCodec.WriteSingleRegister(slave, address, value), cancellationToken);

    /// <summary>Function 16.</summary>
    public Task WriteMultipleRegistersAsync(byte slave, ushort address, ReadOnlyMemory<ushort> values, CancellationToken cancellationToken = default) =>
        TransactAsync(ModbusRtuCodec.WriteMultipleRegisters(slave, address, values.Span), cancellationToken);

    /// <summary>Sends a request frame and returns the matching reply, retrying timeouts.</summary>
    public async Task<ModbusResponse> TransactAsync(byte[] request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            for (int attempt = 0; ; attempt++)
            {
                var response = await TryOnceAsync(request, cancellationToken);
                if (response is not null)
                {
                    if (response.Exception is { } code)
                    {
                        throw new ModbusException(response.Slave, response.Function, code);
                    }

                    return response;
                }

                LogTimeout(request[0], request[1], attempt + 1);
                if (attempt >= _options.Retries)
                {
                    throw new TimeoutException($"Modbus slave {request[0]} did not answer function {request[1]:X2} after {attempt + 1} attempts.");
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<ModbusResponse?> TryOnceAsync(byte[] request, CancellationToken cancellationToken)
    {
        if (_lineMayHoldLateBytes)
        {
            // The slave may still have answered after we gave up; that late reply must not be
            // read as the answer to this request (same slave, same function, valid CRC).
            _lineMayHoldLateBytes = false;
            while (await ReadWithinAsync(TimeSpan.FromMilliseconds(30), cancellationToken) > 0)
            {
            }
        }

        // A line nobody listens on can block a write (a pty with no emulator behind it); a real
        // RS-485 line never does, so a write that does not complete in time counts as no answer.
        // A write still blocked from an earlier attempt is kept, never cancelled (part of its frame
        // may be out already); this request goes out after it, within this attempt's window.
        // Skipping our own write instead would wait for the reply to a frame never sent.
        var started = _time.GetTimestamp();
        if (_pendingWrite is { } earlier)
        {
            if (!await CompletesWithinAsync(earlier, _options.ResponseTimeout, cancellationToken))
            {
                return null;
            }

            _pendingWrite = null;
            await earlier;
        }

        _pendingWrite = WriteAsync(request);
        if (!await CompletesWithinAsync(_pendingWrite, _options.ResponseTimeout - _time.GetElapsedTime(started), cancellationToken))
        {
            // When the line frees up the slave hears this request and may answer it late.
            _lineMayHoldLateBytes = true;
            return null;
        }

        var written = _pendingWrite;
        _pendingWrite = null;
        await written;
        var deadline = _time.GetTimestamp();
        var received = new List<byte>();
        while (true)
        {
            var left = _options.ResponseTimeout - _time.GetElapsedTime(deadline);
            var n = left > TimeSpan.Zero ? await ReadWithinAsync(left, cancellationToken) : 0;
            if (n == 0)
            {
                _lineMayHoldLateBytes = true;
                return null;
            }

            received.AddRange(_readBuffer.AsSpan(0, n));
            if (ModbusRtuCodec.TryDecodeResponse(request, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(received), out var response, out _))
            {
                return response;
            }
        }
    }

    private async Task<bool> CompletesWithinAsync(Task task, TimeSpan window, CancellationToken cancellationToken)
    {
        if (!task.IsCompleted && window > TimeSpan.Zero)
        {
            await Task.WhenAny(task, Task.Delay(window, _time, cancellationToken));
        }

        cancellationToken.ThrowIfCancellationRequested();
        return task.IsCompleted;
    }

    private async Task WriteAsync(byte[] request)
    {
        await _stream.WriteAsync(request, CancellationToken.None);
        await _stream.FlushAsync(CancellationToken.None);
    }

    /// <summary>
    /// Bytes read within <paramref name="window"/>, 0 when none came. One read is kept outstanding
    /// across calls instead of being cancelled: on Linux a cancelled serial read can stay queued in
    /// the port and swallow the next reply (docs/design.md §7), so a read given up on is simply reused.
    /// </summary>
    private async Task<int> ReadWithinAsync(TimeSpan window, CancellationToken cancellationToken)
    {
        _pendingRead ??= _stream.ReadAsync(_readBuffer, CancellationToken.None).AsTask();
        var done = await Task.WhenAny(_pendingRead, Task.Delay(window, _time, cancellationToken));
        if (done != _pendingRead)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return 0;
        }

        var read = _pendingRead;
        _pendingRead = null;
        var n = await read;
        return n == 0 ? throw new EndOfStreamException("Modbus stream ended.") : n;
    }

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Modbus slave {Slave} function {Function} timed out (attempt {Attempt})")]
    private partial void LogTimeout(byte slave, byte function, int attempt);
}
