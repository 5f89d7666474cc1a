using System.Text.Json;
using HallDevices.Contracts;
using HallDevices.Devices.Modbus;
using HallDevices.Devices.Serial;
using HallDevices.Display.Hosting;
using HallDevices.Messaging;
using Microsoft.Extensions.Options;

namespace HallDevices.Display.CounterDevices;

/// <summary>
/// Master of the windows' RS-485 bus (Modbus RTU over <see cref="SerialLink"/>, reopened after an
/// unplug). Each round every device of the bus map answers at least one transaction through its
/// <see cref="ICounterDeviceDriver"/>: keypad presses become <c>req/counter</c> requests, an
/// evaluator's score after a finish becomes <c>req/evaluate</c>, and strips, keypad displays and
/// evaluator prompts are brought to what the counter state says (written only when different; a
/// strip with nothing new is read back instead, a keypad display or evaluator prompt on its
/// <see cref="ReadBackSchedule"/>, so one that restarted between two polls is written again). A
/// device that stops answering is marked offline in its retained device status
/// (<see cref="BusDeviceStatuses"/>) and tried again every <see cref="BusOptions.OfflineRetrySeconds"/>.
/// </summary>
internal sealed partial class BusService : BackgroundService
{
    private readonly BusOptions _options;
    private readonly string _hall;
    private readonly IReadOnlyList<ICounterDeviceDriver> _drivers;
    private readonly List<BusDevice> _devices;
    private readonly HashSet<string> _evaluatorCounters;
    private readonly WindowStates _states;
    private readonly HallMqttClient _mqtt;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _log;
    private readonly EvaluationTracker _evaluations;
    private readonly BusOutbox _outbox;
    private readonly BusDeviceStatuses _statuses;

    public BusService(IOptions<DisplayOptions> options, WindowStates states, HallMqttClient mqtt, TimeProvider time, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value.Bus;
        _hall = options.Value.HallId;
        _states = states;
        _mqtt = mqtt;
        _time = time;
        _loggers = loggers;
        _log = loggers.CreateLogger<BusService>();
        _evaluations = new EvaluationTracker(TimeSpan.FromSeconds(_options.EvaluationTimeoutSeconds));
        _outbox = new BusOutbox(loggers.CreateLogger<BusOutbox>());
        _statuses = new BusDeviceStatuses(_hall, mqtt, _outbox, loggers.CreateLogger<BusDeviceStatuses>());
        var requests = new BusRequests(_hall, _options, mqtt, time, loggers.CreateLogger<BusRequests>());
        _drivers = CounterDeviceDrivers.Create(_options, new WindowText(options.Value.WindowText), _evaluations, requests, _outbox, time, loggers);
        _devices = [.. _drivers.Select(d => d.Device)];
        _evaluatorCounters = [.. _drivers.OfType<EvaluatorDriver>().Select(d => d.Device.Counter)];
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
        await using var finished = _evaluatorCounters.Count > 0
            ? await _mqtt.SubscribeAsync(Topics.Event(_hall, EventTypes.TicketFinished), OnFinished, stoppingToken)
            : null;
        using var republish = _mqtt.OnConnected(ct => _statuses.PublishAllStatusesAsync(_devices, ct));
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
                    _statuses.SetOnline(d, false, $"bus port {_options.Port} disconnected");
                }
            }
        };

        var outbox = Task.Run(() => _outbox.DrainAsync(stoppingToken), stoppingToken);
        try
        {
            // The port may not exist yet (adapter not plugged in): every device is offline until it opens.
            foreach (var d in _devices)
            {
                _statuses.SetOnline(d, false, $"bus port {_options.Port} not open");
            }

            await link.RunAsync(SessionAsync, stoppingToken);
        }
        finally
        {
            _outbox.Complete();
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
        foreach (var driver in _drivers)
        {
            // A new session may be a new (or power-cycled) device: learn its sequence and write everything again.
            driver.Attach(master);
        }

        while (!ct.IsCancellationRequested)
        {
            foreach (var driver in _drivers)
            {
                if (driver.Device.Online != true && _time.GetUtcNow() < driver.Device.NextAttempt)
                {
                    continue;
                }

                await AttemptAsync(driver, master, ct);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(_options.PollIntervalMilliseconds), _time, ct);
        }
    }

    private async Task AttemptAsync(ICounterDeviceDriver driver, ModbusRtuMaster master, CancellationToken ct)
    {
        var d = driver.Device;
        var attempts = d.Online == true ? 1 + _options.Retries : 1;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await StepAsync(driver, ct);
                _statuses.SetOnline(d, true, null);
                return;
            }
            catch (TimeoutException) when (attempt < attempts)
            {
            }
            catch (TimeoutException)
            {
                driver.Attach(master);
                d.NextAttempt = _time.GetUtcNow() + TimeSpan.FromSeconds(_options.OfflineRetrySeconds);
                _statuses.SetOnline(d, false, $"no answer at bus address {d.Address}");
                return;
            }
            catch (ModbusException e)
            {
                // It answers, so it is there; but it refuses what the map says it is.
                d.NextAttempt = _time.GetUtcNow() + TimeSpan.FromSeconds(_options.OfflineRetrySeconds);
                _statuses.SetHealth(d, HealthStates.Error, $"address {d.Address} refused function {e.Function} ({e.Code}): is it a {d.Kind}?");
                return;
            }
        }
    }

    /// <summary>One transaction round with one device: what it has for the server, then what it should show.</summary>
    private async Task StepAsync(ICounterDeviceDriver driver, CancellationToken ct)
    {
        var d = driver.Device;
        var state = _states.Get(d.Counter);
        var now = _time.GetUtcNow();
        await driver.PollAsync(state, now, ct);
        var shown = driver.Shows(state, now);
        if (shown == d.Written && await driver.StillShowsAsync(shown, ct))
        {
            return;
        }

        await driver.WriteAsync(shown, ct);
        d.Written = shown;
    }

    private Task OnFinished(MqttIncomingMessage m, CancellationToken ct)
    {
        try
        {
            if (!m.Retain && ContractJson.Deserialize<HallEventMessage>(m.Payload.Span) is TicketFinishedEvent { Number: { } number, CounterId: { } counter } && _evaluatorCounters.Contains(counter))
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Window bus on {Port}: {Count} devices")]
    private partial void LogStarting(string port, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignoring malformed message on {Topic}: {Reason}")]
    private partial void LogMalformed(string topic, string reason);
}
