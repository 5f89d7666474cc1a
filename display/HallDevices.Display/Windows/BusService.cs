using System.Text.Json;
using System.Threading.Channels;
using HallDevices.Contracts;
using HallDevices.Devices.Modbus;
using HallDevices.Devices.Serial;
using HallDevices.Display.Board;
using HallDevices.Display.Hosting;
using HallDevices.Messaging;
using Microsoft.Extensions.Options;

namespace HallDevices.Display.Windows;

/// <summary>
/// Master of the windows' RS-485 bus (Modbus RTU over <see cref="SerialLink"/>, reopened after an
/// unplug). Each round every device of the bus map answers at least one transaction: keypad presses
/// become <c>req/counter</c> requests, an evaluator's score after a finish becomes <c>req/evaluate</c>,
/// and strips, keypad displays and evaluator prompts are brought to what the counter state says
/// (written only when different; a strip with nothing new is read back instead, a keypad display or
/// evaluator prompt every <see cref="BusOptions.ReadBackSeconds"/>, so one that restarted between
/// two polls is written again). A device that
/// stops answering is marked offline in its retained device status and tried again every
/// <see cref="BusOptions.OfflineRetrySeconds"/>.
/// </summary>
internal sealed partial class BusService : BackgroundService
{
    private readonly BusOptions _options;
    private readonly string _hall;
    private readonly List<BusDevice> _devices;
    private readonly WindowStates _states;
    private readonly WindowText _text;
    private readonly HallMqttClient _mqtt;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _log;
    private readonly EvaluationTracker _evaluations;

    // Key presses, ratings and status changes leave the bus loop here, so a slow broker never stalls polling.
    private readonly Channel<Func<CancellationToken, Task>> _outbox = Channel.CreateBounded<Func<CancellationToken, Task>>(
        new BoundedChannelOptions(256) { SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest });

    public BusService(IOptions<DisplayOptions> options, WindowStates states, HallMqttClient mqtt, TimeProvider time, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value.Bus;
        _hall = options.Value.HallId;
        _text = new WindowText(options.Value.WindowText);
        _devices = [.. _options.Devices.Select(d => new BusDevice(d))];
        _states = states;
        _mqtt = mqtt;
        _time = time;
        _loggers = loggers;
        _log = loggers.CreateLogger<BusService>();
        _evaluations = new EvaluationTracker(TimeSpan.FromSeconds(_options.EvaluationTimeoutSeconds));
    }

    /// <summary>The devices and their last known state (for /health and tests).</summary>
    public IReadOnlyList<BusDevice> Devices => _devices;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        LogStarting(_options.Port!, _devices.Count);
        await using var finished = _devices.Any(d => d.Kind == "evaluator")
            ? await _mqtt.SubscribeAsync(Topics.Event(_hall, EventTypes.TicketFinished), OnFinished, stoppingToken)
            : null;
        using var republish = _mqtt.OnConnected(PublishAllStatusesAsync);
        var link = new SerialLink(
            new SerialLinkOptions { PortName = _options.Port!, BaudRate = _options.BaudRate, ReconnectInterval = TimeSpan.FromSeconds(_options.ReconnectSeconds) },
            _time,
            _loggers.CreateLogger<SerialLink>());
        link.StateChanged += (_, e) =>
        {
            if (e.State == SerialLinkState.Disconnected)
            {
                foreach (var d in _devices)
                {
                    SetOnline(d, false, $"bus port {_options.Port} disconnected");
                }
            }
        };

        var outbox = Task.Run(() => DrainOutboxAsync(stoppingToken), stoppingToken);
        try
        {
            // The port may not exist yet (adapter not plugged in): every device is offline until it opens.
            foreach (var d in _devices)
            {
                SetOnline(d, false, $"bus port {_options.Port} not open");
            }

            await link.RunAsync(SessionAsync, stoppingToken);
        }
        finally
        {
            _outbox.Writer.TryComplete();
            await outbox.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task SessionAsync(Stream stream, CancellationToken ct)
    {
        // Retries are done here, per device: an online device gets Retries more attempts before it
        // counts as offline; an offline one is probed once, so a dead device costs the bus little.
        using var master = new ModbusRtuMaster(
            stream,
            _time,
            _loggers.CreateLogger<ModbusRtuMaster>(),
            new ModbusMasterOptions { ResponseTimeout = TimeSpan.FromMilliseconds(_options.ResponseTimeoutMilliseconds), Retries = 0 });
        foreach (var d in _devices)
        {
            // A new session may be a new (or power-cycled) device: learn its sequence and write everything again.
            d.ResetSession(master);
        }

        while (!ct.IsCancellationRequested)
        {
            foreach (var d in _devices)
            {
                if (d.Online != true && _time.GetUtcNow() < d.NextAttempt)
                {
                    continue;
                }

                await AttemptAsync(d, master, ct);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(_options.PollIntervalMilliseconds), _time, ct);
        }
    }

    private async Task AttemptAsync(BusDevice d, ModbusRtuMaster master, CancellationToken ct)
    {
        var attempts = d.Online == true ? 1 + _options.Retries : 1;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await StepAsync(d, ct);
                SetOnline(d, true, null);
                return;
            }
            catch (TimeoutException) when (attempt < attempts)
            {
            }
            catch (TimeoutException)
            {
                d.ResetSession(master);
                d.NextAttempt = _time.GetUtcNow() + TimeSpan.FromSeconds(_options.OfflineRetrySeconds);
                SetOnline(d, false, $"no answer at bus address {d.Address}");
                return;
            }
            catch (ModbusException e)
            {
                // It answers, so it is there; but it refuses what the map says it is.
                d.NextAttempt = _time.GetUtcNow() + TimeSpan.FromSeconds(_options.OfflineRetrySeconds);
                SetHealth(d, "error", $"address {d.Address} refused function {e.Function} ({e.Code}): is it a {d.Kind}?");
                return;
            }
        }
    }

    private async Task StepAsync(BusDevice d, CancellationToken ct)
    {
        var state = _states.Get(d.Counter);
        var now = _time.GetUtcNow();
        switch (d.Kind)
        {
            case "keypad":
            {
                var keypad = d.Keypad!;
                foreach (var key in await keypad.PollAsync(ct))
                {
                    var action = key switch
                    {
                        KeypadKey.CallNext => "call-next",
                        KeypadKey.Recall => "recall",
                        KeypadKey.Skip => "skip",
                        KeypadKey.Finish => "finish",
                        // One pause key: it pauses, and resumes a paused window.
                        _ => state?.Status == "paused" ? "resume" : "pause",
                    };
                    LogKey(d.Counter, action);
                    var pressedAt = now;
                    Enqueue(token => SendCounterRequestAsync(d, action, pressedAt, token));
                }

                var text = now < d.ReplyUntil && d.Reply is not null ? d.Reply : WindowText.Keypad(state);
                if (text != d.Written || await LostAsync(d, now, text, async () => await keypad.ReadTextAsync(ct) != text))
                {
                    await keypad.ShowAsync(text, ct);
                    d.Written = text;
                }

                break;
            }

            case "evaluator":
            {
                var evaluator = d.Evaluator!;
                foreach (var score in await evaluator.PollAsync(ct))
                {
                    if (_evaluations.Rated(d.Counter, now) is { } ticket)
                    {
                        LogRated(d.Counter, score);
                        Enqueue(token => SendEvaluationAsync(d, ticket, score, token));
                    }
                    else
                    {
                        LogUnaskedScore(d.Counter);
                    }
                }

                if (_evaluations.Pending(d.Counter, now, out var lapsed) is null && lapsed is not null)
                {
                    LogEvaluationTimedOut(d.Counter, _options.EvaluationTimeoutSeconds);
                }

                var prompt = _evaluations.Pending(d.Counter, now, out _) is not null ? "on" : "off";
                if (prompt != d.Written || await LostAsync(d, now, $"prompt {prompt}", async () => await evaluator.ReadPromptAsync(ct) != (prompt == "on")))
                {
                    await evaluator.SetPromptAsync(prompt == "on", ct);
                    d.Written = prompt;
                }

                break;
            }

            default:
            {
                var strip = d.Strip!;
                var text = _text.Strip(state);
                if (text == d.Written)
                {
                    // Nothing new to show, yet every device must answer once a round: a strip written
                    // only on a change would count as online for as long as its text stays the same,
                    // however long it has been silent. The read-back also finds a strip that
                    // restarted blank without missing a round, and writes it again.
                    var reading = await strip.ReadAsync(ct);
                    if (reading.TextLength == text.Length)
                    {
                        break;
                    }

                    LogStripLostText(d.DeviceId, reading.TextLength, text.Length);
                }

                await strip.ShowTextAsync(text, ct);
                d.Written = text;
                break;
            }
        }
    }

    /// <summary>
    /// Whether a keypad or evaluator with nothing new to write lost what it was last written: the
    /// poll alone cannot tell that one restarted between two polls (it answers as before, blank),
    /// so every <see cref="BusOptions.ReadBackSeconds"/> the master reads it back.
    /// </summary>
    private async Task<bool> LostAsync(BusDevice d, DateTimeOffset now, string shown, Func<Task<bool>> differs)
    {
        var interval = TimeSpan.FromSeconds(_options.ReadBackSeconds);
        if (d.NextReadBack == default)
        {
            // Spread over the interval, so the read-backs do not all fall in one polling round.
            d.NextReadBack = now + (interval * _devices.IndexOf(d) / _devices.Count);
        }

        if (d.ReadBackRefused || now < d.NextReadBack)
        {
            return false;
        }

        d.NextReadBack = now + interval;
        try
        {
            if (!await differs())
            {
                d.ReadBackFailing = false;
                return false;
            }
        }
        catch (ModbusException e)
        {
            // It answers its polls but not this: stop asking, rather than flip its health every time.
            d.ReadBackRefused = true;
            LogReadBackRefused(d.DeviceId, e.Function, e.Code);
            return false;
        }

        // Said once, not at every read-back of a device that never holds what it is written.
        if (!d.ReadBackFailing)
        {
            LogLostState(d.DeviceId, shown);
        }

        d.ReadBackFailing = true;
        return true;
    }

    private Task OnFinished(MqttIncomingMessage m, CancellationToken ct)
    {
        try
        {
            if (!m.Retain && ContractJson.Deserialize<HallEventMessage>(m.Payload.Span) is TicketFinishedEvent { Number: { } number, CounterId: { } counter } && _devices.Any(d => d.Kind == "evaluator" && d.Counter == counter))
            {
                _evaluations.Finished(counter, number, _time.GetUtcNow());
            }
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            LogMalformed(m.Topic, e.Message);
        }

        return Task.CompletedTask;
    }

    private async Task SendCounterRequestAsync(BusDevice d, string action, DateTimeOffset pressedAt, CancellationToken ct)
    {
        var allowed = TimeSpan.FromSeconds(_options.RequestTimeoutSeconds);
        string shown;
        if (_time.GetUtcNow() - pressedAt > allowed)
        {
            // Waiting in the outbox while the broker was away: a late call-next would surprise everyone.
            LogStalePress(d.Counter, action);
            shown = WindowText.KeypadNoServer;
        }
        else
        {
            try
            {
                var reply = await _mqtt.RequestAsync(
                    Topics.CounterRequest(_hall),
                    ContractJson.SerializeToUtf8Bytes(new CounterRequest { RequestId = NewRequestId(d), CounterId = d.Counter, Action = action }),
                    allowed,
                    ct);
                var answer = ContractJson.Deserialize<Reply>(reply.Payload.Span);
                if (answer is { Ok: true })
                {
                    shown = WindowText.KeypadDone(action, answer.Ticket?.Number);
                    LogAnswered(d.Counter, action, "ok");
                }
                else
                {
                    var code = answer?.Error?.Code;
                    shown = WindowText.KeypadError(code);
                    LogAnswered(d.Counter, action, code ?? "unknown");
                }
            }
            catch (Exception e) when (e is MqttRequestTimeoutException or MqttDeliveryTimeoutException or JsonException)
            {
                LogNoAnswer(d.Counter, action, e.Message);
                shown = WindowText.KeypadNoServer;
            }
        }

        d.ShowReply(shown, _time.GetUtcNow() + TimeSpan.FromSeconds(_options.KeypadReplySeconds));
    }

    private async Task SendEvaluationAsync(BusDevice d, string ticket, int score, CancellationToken ct)
    {
        try
        {
            var reply = await _mqtt.RequestAsync(
                Topics.EvaluateRequest(_hall),
                ContractJson.SerializeToUtf8Bytes(new EvaluateRequest { RequestId = NewRequestId(d), TicketNumber = ticket, CounterId = d.Counter, Score = score }),
                TimeSpan.FromSeconds(_options.RequestTimeoutSeconds),
                ct);
            var answer = ContractJson.Deserialize<Reply>(reply.Payload.Span);
            LogAnswered(d.Counter, "evaluate", answer is { Ok: true } ? "ok" : answer?.Error?.Code ?? "unknown");
        }
        catch (Exception e) when (e is MqttRequestTimeoutException or MqttDeliveryTimeoutException or JsonException or KeyNotFoundException)
        {
            LogNoAnswer(d.Counter, "evaluate", e.Message);
        }
    }

    private static string NewRequestId(BusDevice d) => $"{d.DeviceId}-{Guid.NewGuid():N}";

    private void SetOnline(BusDevice d, bool online, string? detail)
    {
        if (d.Online == online && d.Health == (online ? "ok" : "error") && (online || d.Detail == detail))
        {
            return;
        }

        d.Online = online;
        d.Health = online ? "ok" : "error";
        d.Detail = detail ?? $"{d.Kind} of {d.Counter} at bus address {d.Address}";
        if (online)
        {
            LogOnline(d.DeviceId);
        }
        else
        {
            LogOffline(d.DeviceId, d.Detail);
        }

        PublishStatus(d);
    }

    private void SetHealth(BusDevice d, string health, string detail)
    {
        if (d.Health == health && d.Detail == detail)
        {
            return;
        }

        d.Online = true;
        d.Health = health;
        d.Detail = detail;
        LogUnhealthy(d.DeviceId, detail);
        PublishStatus(d);
    }

    private void PublishStatus(BusDevice d)
    {
        var status = new DeviceStatus(d.Online == true, d.Health, d.Detail);
        Enqueue(ct => _mqtt.PublishDeviceStatusAsync(_hall, d.DeviceId, status, ct));
    }

    private Task PublishAllStatusesAsync(CancellationToken ct)
    {
        foreach (var d in _devices.Where(d => d.Online is not null))
        {
            PublishStatus(d);
        }

        return Task.CompletedTask;
    }

    private void Enqueue(Func<CancellationToken, Task> work)
    {
        if (!_outbox.Writer.TryWrite(work))
        {
            LogOutboxClosed();
        }
    }

    private async Task DrainOutboxAsync(CancellationToken ct)
    {
        await foreach (var work in _outbox.Reader.ReadAllAsync(ct))
        {
            try
            {
                await work(ct);
            }
            catch (Exception e) when (e is MqttDeliveryTimeoutException or MqttRequestTimeoutException or MqttOperationRejectedException)
            {
                LogOutboxFailed(e.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Window bus on {Port}: {Count} devices")]
    private partial void LogStarting(string port, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Keypad of {Counter}: {Action}")]
    private partial void LogKey(string counter, string action);

    [LoggerMessage(Level = LogLevel.Information, Message = "Evaluator of {Counter}: score {Score}")]
    private partial void LogRated(string counter, int score);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Evaluator of {Counter}: a score nobody asked for is ignored")]
    private partial void LogUnaskedScore(string counter);

    [LoggerMessage(Level = LogLevel.Information, Message = "Evaluator of {Counter}: no rating within {Seconds} s, prompt off")]
    private partial void LogEvaluationTimedOut(string counter, int seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Counter} {Action}: {Outcome}")]
    private partial void LogAnswered(string counter, string action, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Counter} {Action}: no answer from the server ({Reason})")]
    private partial void LogNoAnswer(string counter, string action, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Counter} {Action}: pressed too long ago to send now (server unreachable)")]
    private partial void LogStalePress(string counter, string action);

    [LoggerMessage(Level = LogLevel.Information, Message = "Bus device {DeviceId} is online")]
    private partial void LogOnline(string deviceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bus device {DeviceId} is offline: {Detail}")]
    private partial void LogOffline(string deviceId, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bus device {DeviceId}: {Detail}")]
    private partial void LogUnhealthy(string deviceId, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "LED strip {DeviceId} holds {Held} characters instead of {Written}: writing its text again")]
    private partial void LogStripLostText(string deviceId, int held, int written);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bus device {DeviceId} no longer shows {Shown} (restarted?): writing it again")]
    private partial void LogLostState(string deviceId, string shown);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bus device {DeviceId} refused a read-back (function {Function}, {Code}): a restart between two polls will go unnoticed")]
    private partial void LogReadBackRefused(string deviceId, ModbusFunction function, ModbusExceptionCode code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignoring malformed message on {Topic}: {Reason}")]
    private partial void LogMalformed(string topic, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bus outbox is closed; a request or status was dropped")]
    private partial void LogOutboxClosed();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bus request or status could not be delivered: {Reason}")]
    private partial void LogOutboxFailed(string reason);
}

/// <summary>One device of the bus map and what the display last knew and wrote.</summary>
internal sealed class BusDevice(BusDeviceOptions options)
{
    private readonly Lock _gate = new();
    private string? _reply;
    private DateTimeOffset _replyUntil;

    public byte Address { get; } = (byte)options.Address;

    public string Kind { get; } = options.Kind;

    public string Counter { get; } = options.Counter;

    public string DeviceId { get; } = options.EffectiveDeviceId;

    /// <summary>Null until the first attempt.</summary>
    public bool? Online { get; set; }

    public string Health { get; set; } = "ok";

    public string? Detail { get; set; }

    public DateTimeOffset NextAttempt { get; set; }

    /// <summary>When a keypad's display or an evaluator's prompt is next read back (default: not yet scheduled).</summary>
    public DateTimeOffset NextReadBack { get; set; }

    /// <summary>The last read-back differed from what was written (logged once until one matches).</summary>
    public bool ReadBackFailing { get; set; }

    /// <summary>The device refused a read-back; not asked again this session.</summary>
    public bool ReadBackRefused { get; set; }

    /// <summary>What was last written to the device (text, or prompt on/off); null forces a write.</summary>
    public string? Written { get; set; }

    public string? Reply
    {
        get
        {
            lock (_gate)
            {
                return _reply;
            }
        }
    }

    public DateTimeOffset ReplyUntil
    {
        get
        {
            lock (_gate)
            {
                return _replyUntil;
            }
        }
    }

    public void ShowReply(string text, DateTimeOffset until)
    {
        lock (_gate)
        {
            _reply = text;
            _replyUntil = until;
        }
    }

    public CallerKeypad? Keypad { get; private set; }

    public Evaluator? Evaluator { get; private set; }

    public LedWindowStrip? Strip { get; private set; }

    /// <summary>
    /// New drivers on <paramref name="master"/>, forgetting the event sequence and what was written:
    /// after a reconnect or a silence the device may have restarted, and old presses must not replay.
    /// </summary>
    public void ResetSession(ModbusRtuMaster master)
    {
        Keypad = Kind == "keypad" ? new CallerKeypad(master, Address) : null;
        Evaluator = Kind == "evaluator" ? new Evaluator(master, Address) : null;
        Strip = Kind == "led-strip" ? new LedWindowStrip(master, Address) : null;
        Written = null;
        ReadBackFailing = false;
        ReadBackRefused = false;
    }
}
