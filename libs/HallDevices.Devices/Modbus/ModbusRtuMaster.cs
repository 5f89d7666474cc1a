using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HallDevices.Devices.Modbus;

/// <summary>Settings for <see cref="ModbusRtuMaster"/>.</summary>
public sealed class ModbusMasterOptions
{
    /// <summary>Wait for one reply (a 250-byte reply takes ~26 ms at 9600 baud).</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Extra attempts after a timeout. Exception replies are answers and are never retried.</summary>
    public int Retries { get; set; } = 2;
}

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
        using var timeout = new CancellationTokenSource(_options.ResponseTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        await _stream.WriteAsync(request, cancellationToken);
        await _stream.FlushAsync(cancellationToken);
        var received = new List<byte>();
        while (true)
        {
            int n;
            try
            {
                n = await _stream.ReadAsync(_readBuffer, linked.Token);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                return null;
            }

            if (n == 0)
            {
                throw new EndOfStreamException("Modbus stream ended.");
            }

            received.AddRange(_readBuffer.AsSpan(0, n));
            if (ModbusRtuCodec.TryDecodeResponse(request, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(received), out var response, out _))
            {
                return response;
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Modbus slave {Slave} function {Function} timed out (attempt {Attempt})")]
    private partial void LogTimeout(byte slave, byte function, int attempt);
}
