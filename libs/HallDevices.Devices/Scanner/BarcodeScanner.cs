using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HallDevices.Devices.Scanner;

/// <summary>
/// Serial barcode/QR scanner driver over a <see cref="Stream"/> (it does not own the stream). Yields
/// one code per line; over-long or binary lines are dropped with a warning; a line that stops
/// arriving for <see cref="LineTimeout"/> is dropped so it cannot glue onto the next scan.
/// </summary>
public sealed partial class BarcodeScanner(Stream stream, ScannerFraming framing, TimeProvider? timeProvider = null, ILogger<BarcodeScanner>? logger = null)
{
    private readonly Stream _stream = stream ?? throw new ArgumentNullException(nameof(stream));
    private readonly ScannerLineDecoder _decoder = new(framing);
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly ILogger _logger = logger ?? (ILogger)NullLogger.Instance;

    /// <summary>Longest pause inside one line (a scanner sends a code in one burst).</summary>
    public TimeSpan LineTimeout { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Reads codes until cancelled or the stream ends. Stream failures propagate for the transport to handle.</summary>
    public async IAsyncEnumerable<ScannedCode> ReadCodesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var buffer = new byte[1024];
        while (!cancellationToken.IsCancellationRequested)
        {
            int n;
            if (_decoder.HasPartialLine)
            {
                using var timeout = new CancellationTokenSource(LineTimeout, _time);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
                try
                {
                    n = await _stream.ReadAsync(buffer, linked.Token);
                }
                catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    LogPartialDropped();
                    _decoder.DiscardPartial();
                    continue;
                }
            }
            else
            {
                n = await _stream.ReadAsync(buffer, cancellationToken);
            }

            if (n == 0)
            {
                yield break;
            }

            var codes = _decoder.Feed(buffer.AsSpan(0, n));
            foreach (var rejected in _decoder.TakeRejected())
            {
                LogRejected(rejected.Reason, rejected.Length);
            }

            foreach (string code in codes)
            {
                // Codes can carry personal data (pass codes); log the length only.
                LogScanned(code.Length);
                yield return new ScannedCode(code, _time.GetUtcNow());
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scanner line dropped: {Reason}, {Length} bytes")]
    private partial void LogRejected(ScannerRejection reason, int length);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scanner line stopped mid-way; partial line dropped")]
    private partial void LogPartialDropped();

    [LoggerMessage(Level = LogLevel.Debug, Message = "Scanned a code of {Length} characters")]
    private partial void LogScanned(int length);
}
