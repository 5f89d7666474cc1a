using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HallDevices.Devices.IdCard;

/// <summary>
/// Driver for a SAM resident ID-card reader over any <see cref="Stream"/> (a serial port's base
/// stream, a pty, a socket). It does not own the stream. Commands are strictly one at a time.
/// </summary>
public sealed partial class IdCardReader : IDisposable
{
    private readonly Stream _stream;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IdCardReaderOptions _options;
    private readonly SamFrameDecoder _decoder = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly byte[] _readBuffer = new byte[2048];
    private string? _presentIdNumber;
    private int _misses;

    /// <summary>Creates a driver over an open stream.</summary>
    public IdCardReader(Stream stream, TimeProvider? timeProvider = null, ILogger<IdCardReader>? logger = null, IdCardReaderOptions? options = null)
    {
        _stream = stream ?? throw new ArgumentNullException(nameof(stream));
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _options = options ?? new IdCardReaderOptions();
    }

    /// <summary>Raised once for each card presented; not again while the same card stays on the reader.</summary>
    public event EventHandler<IdCardPresentedEventArgs>? CardPresented;

    /// <summary>Frames and bytes the decoder rejected so far (noise on the line shows up here).</summary>
    public long DiscardedBytes => _decoder.DiscardedBytes;

    /// <summary>Sends one command and waits for its reply.</summary>
    /// <exception cref="TimeoutException">No valid reply frame arrived within <see cref="IdCardReaderOptions.ReplyTimeout"/>.</exception>
    public async Task<SamReply> ExchangeAsync(SamCommand command, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            // Whatever is buffered is a stale or late reply to an earlier command.
            _decoder.Reset();
            // The timer starts before the write so a stuck write counts against the same budget.
            using var timeout = new CancellationTokenSource(_options.ReplyTimeout, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            byte[] frame = new SamRequest(command, []).ToFrame();
            await _stream.WriteAsync(frame, cancellationToken);
            await _stream.FlushAsync(cancellationToken);

            while (true)
            {
                if (_decoder.TryReadFrame(out byte[] body) && SamReply.FromBody(body) is { } reply)
                {
                    return reply;
                }

                int n;
                try
                {
                    n = await _stream.ReadAsync(_readBuffer, linked.Token);
                }
                catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    throw new TimeoutException($"No reply from the ID-card reader to {command} within {_options.ReplyTimeout.TotalMilliseconds:0} ms.");
                }

                if (n == 0)
                {
                    throw new EndOfStreamException("The ID-card reader stream ended.");
                }

                _decoder.Append(_readBuffer.AsSpan(0, n));
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Resets the SAM module.</summary>
    public async Task ResetAsync(CancellationToken cancellationToken = default) =>
        Expect(SamCommand.Reset, await ExchangeAsync(SamCommand.Reset, cancellationToken), SamStatus.Success);

    /// <summary>Looks for a card.</summary>
    /// <returns><see langword="true"/> when a card is in the field.</returns>
    /// <exception cref="SamStatusException">The reader answered with an error status.</exception>
    public async Task<bool> FindCardAsync(CancellationToken cancellationToken = default)
    {
        var reply = await ExchangeAsync(SamCommand.FindCard, cancellationToken);
        return reply.Status switch
        {
            SamStatus.CardFound => true,
            SamStatus.FindFailed => false,
            _ => throw new SamStatusException(SamCommand.FindCard, reply.Sw3),
        };
    }

    /// <summary>Selects the found card.</summary>
    /// <exception cref="SamStatusException">Selection failed (status 81) or another error.</exception>
    public async Task SelectCardAsync(CancellationToken cancellationToken = default) =>
        Expect(SamCommand.SelectCard, await ExchangeAsync(SamCommand.SelectCard, cancellationToken), SamStatus.Success);

    /// <summary>Reads text and photo from the selected card.</summary>
    /// <exception cref="SamStatusException">The read failed (status 41) or another error.</exception>
    /// <exception cref="IdCardFormatException">The reply payload is malformed.</exception>
    public async Task<IdCardData> ReadCardAsync(CancellationToken cancellationToken = default)
    {
        var reply = await ExchangeAsync(SamCommand.ReadTextAndPhoto, cancellationToken);
        Expect(SamCommand.ReadTextAndPhoto, reply, SamStatus.Success);
        return IdCardReadReply.Parse(reply.Data);
    }

    /// <summary>Finds, selects and reads a card in one go.</summary>
    /// <returns>The card, or <see langword="null"/> when no card is on the reader.</returns>
    public async Task<IdCardData?> TryReadPresentedCardAsync(CancellationToken cancellationToken = default)
    {
        if (!await FindCardAsync(cancellationToken))
        {
            return null;
        }

        await SelectCardAsync(cancellationToken);
        return await ReadCardAsync(cancellationToken);
    }

    /// <summary>
    /// One poll: find/select/read and raise <see cref="CardPresented"/> if this is a new card.
    /// Protocol trouble (timeouts, error statuses, malformed data) is logged and swallowed so a
    /// noisy line never stops polling; stream failures propagate for the transport to handle.
    /// </summary>
    /// <returns><see langword="true"/> when an event was raised.</returns>
    public async Task<bool> PollOnceAsync(CancellationToken cancellationToken = default)
    {
        IdCardData? card;
        try
        {
            card = await TryReadPresentedCardAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException or SamStatusException or IdCardFormatException)
        {
            LogPollFailed(ex.GetType().Name, ex.Message);
            // A failed read means the card is at best half there; it counts as a miss.
            card = null;
        }

        if (card is null)
        {
            if (_presentIdNumber is not null && ++_misses >= _options.RemovalMisses)
            {
                _presentIdNumber = null;
                LogCardRemoved();
            }

            return false;
        }

        _misses = 0;
        if (_presentIdNumber == card.Text.IdNumber)
        {
            return false;
        }

        _presentIdNumber = card.Text.IdNumber;
        if (!card.Text.HasValidIdNumber)
        {
            LogBadCheckDigit(card.Text.MaskedIdNumber);
        }

        LogCardRead(card.Text.MaskedIdNumber);
        CardPresented?.Invoke(this, new IdCardPresentedEventArgs(card, _time.GetUtcNow()));
        return true;
    }

    /// <summary>Polls until cancelled, waiting <see cref="IdCardReaderOptions.PollInterval"/> between polls.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await PollOnceAsync(cancellationToken);
            await Task.Delay(_options.PollInterval, _time, cancellationToken);
        }
    }

    /// <summary>Releases the command gate; the stream stays open (the caller owns it).</summary>
    public void Dispose() => _gate.Dispose();

    private static void Expect(SamCommand command, SamReply reply, SamStatus expected)
    {
        if (reply.Status != expected)
        {
            throw new SamStatusException(command, reply.Sw3);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "ID-card poll failed: {ErrorKind}: {Reason}")]
    private partial void LogPollFailed(string errorKind, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "ID card read: {MaskedIdNumber}")]
    private partial void LogCardRead(string maskedIdNumber);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ID card {MaskedIdNumber} has a wrong check character")]
    private partial void LogBadCheckDigit(string maskedIdNumber);

    [LoggerMessage(Level = LogLevel.Debug, Message = "ID card removed")]
    private partial void LogCardRemoved();
}
