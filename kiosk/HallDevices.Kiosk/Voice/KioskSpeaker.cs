using HallDevices.Devices.Voice;

namespace HallDevices.Kiosk.Voice;

/// <summary>
/// <see cref="IKioskSpeaker"/> over the shared espeak-ng engine (<c>libs/HallDevices.Devices/Voice</c>).
/// One utterance at a time, and the newest tap wins: a citizen who presses 朗读 on another service,
/// or switches the language, wants to hear the new text now, not after the old one; so a new call
/// cancels the current one (its espeak-ng or player process is killed) and waits for it to be gone
/// before it speaks. A missing engine or player is logged once at start-up and the kiosk stays
/// silent; a failing utterance is logged and never reaches the caller.
/// </summary>
public sealed class KioskSpeaker : IKioskSpeaker, IHostedService, IDisposable
{
    private readonly ISpeechEngine _chinese;
    private readonly ISpeechEngine _english;
    private readonly IAudioSink _sink;
    private readonly ILogger<KioskSpeaker> _log;
    private readonly string? _off;
    private readonly bool _enabled;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _lock = new();
    private CancellationTokenSource? _current;
    private string? _lastFailure;
    private long _spoken;
    private bool _reported;
    private bool _disposed;

    /// <summary>A speaker saying Chinese with <paramref name="chinese"/> and English with <paramref name="english"/> into <paramref name="sink"/>.</summary>
    /// <param name="chinese">Engine for <c>zh</c> (and any language that is not <c>en</c>).</param>
    /// <param name="english">Engine for <c>en</c>.</param>
    /// <param name="sink">Where the audio goes: the sound card or WAV files.</param>
    /// <param name="log">Logger.</param>
    /// <param name="enabled">False: configured off (<c>Kiosk:Voice:Enabled=false</c>); every call returns at once.</param>
    public KioskSpeaker(ISpeechEngine chinese, ISpeechEngine english, IAudioSink sink, ILogger<KioskSpeaker> log, bool enabled = true)
    {
        ArgumentNullException.ThrowIfNull(chinese);
        ArgumentNullException.ThrowIfNull(english);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(log);
        _chinese = chinese;
        _english = english;
        _sink = sink;
        _log = log;
        _enabled = enabled;
        _off = enabled ? chinese.Problem ?? english.Problem ?? sink.Problem : "Kiosk:Voice:Enabled is false";
    }

    /// <summary><c>on</c>, or <c>off: </c> and why (for the device status and /health).</summary>
    public string Status => _off is null ? "on" : "off: " + _off;

    /// <summary>Utterances said in full (or written).</summary>
    public long Spoken => Interlocked.Read(ref _spoken);

    /// <inheritdoc />
    public async Task SayAsync(string text, string language, CancellationToken cancellationToken)
    {
        ReportOnce();
        if (_off is not null)
        {
            return;
        }

        CancellationTokenSource mine;
        lock (_lock)
        {
            if (_stopping.IsCancellationRequested)
            {
                return;
            }

            // Under the lock, so the owner cannot dispose it between our read and the cancel.
            _current?.Cancel();
            mine = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
            _current = mine;
        }

        try
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return;
            }

            var english = IsEnglish(language);
            await _gate.WaitAsync(mine.Token);
            try
            {
                // Replaced while the gate was being handed over: say nothing.
                mine.Token.ThrowIfCancellationRequested();
                var audio = await (english ? _english : _chinese).SynthesizeAsync(text, mine.Token);
                await _sink.PlayAsync(audio, english ? "en" : "zh", mine.Token);
                Interlocked.Increment(ref _spoken);
            }
            finally
            {
                _gate.Release();
            }
        }
        catch (OperationCanceledException) when (mine.IsCancellationRequested)
        {
            // Replaced by a newer utterance, cancelled by the caller, or the kiosk is stopping.
        }
        catch (Exception e)
        {
            // A broken sound card fails every tap the same way: warn once per new reason.
            var first = !string.Equals(Interlocked.Exchange(ref _lastFailure, e.Message), e.Message, StringComparison.Ordinal);
            _log.Log(first ? LogLevel.Warning : LogLevel.Debug, "Reading aloud failed: {Reason}. The kiosk works on without it.", e.Message);
        }
        finally
        {
            lock (_lock)
            {
                if (ReferenceEquals(_current, mine))
                {
                    _current = null;
                }
            }

            mine.Dispose();
        }
    }

    /// <summary>Reports at start-up whether the kiosk can speak.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        ReportOnce();
        return Task.CompletedTask;
    }

    /// <summary>Stops what is being said (kills the player) and refuses new utterances.</summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_disposed)
            {
                _stopping.Cancel();
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Stops speaking; safe to call more than once (the container disposes it once per registration).</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _stopping.Cancel();
        }

        _stopping.Dispose();
        _gate.Dispose();
    }

    /// <summary>True for <c>en</c> and <c>en-*</c>; the hall's language (Chinese) otherwise.</summary>
    internal static bool IsEnglish(string? language) =>
        language is not null && (language.Equals("en", StringComparison.OrdinalIgnoreCase) || language.StartsWith("en-", StringComparison.OrdinalIgnoreCase));

    private void ReportOnce()
    {
        lock (_lock)
        {
            if (_reported)
            {
                return;
            }

            _reported = true;
        }

        if (_off is null)
        {
            _log.LogInformation("Read-aloud on ({Chinese} / {English}, {Output})", Describe(_chinese), Describe(_english), _sink is WavFileSink w ? "WAV files in " + w.Directory : "sound card");
        }
        else if (!_enabled)
        {
            _log.LogInformation("Read-aloud is off (Kiosk:Voice:Enabled is false)");
        }
        else
        {
            _log.LogWarning("Read-aloud is off: {Problem}. The kiosk works on without it.", _off);
        }
    }

    private static string Describe(ISpeechEngine engine) => engine is EspeakEngine e ? $"espeak-ng {e.Voice} at {e.Speed} wpm" : engine.GetType().Name;
}
