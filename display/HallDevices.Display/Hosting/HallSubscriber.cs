using System.Text.Json;
using HallDevices.Contracts;
using HallDevices.Display.Board;
using HallDevices.Display.Voice;
using HallDevices.Messaging;
using Microsoft.Extensions.Options;

namespace HallDevices.Display.Hosting;

/// <summary>
/// Follows the hall on MQTT: retained catalogue, board and counter states into <see cref="BoardState"/>,
/// live call and recall events into the announcement queue, the connection state into the board's
/// live/offline mark, and this device's own retained status (last will <c>online:false</c>).
/// </summary>
internal sealed class HallSubscriber(
    HallMqttClient mqtt,
    BoardState state,
    CounterDevices.WindowStates windows,
    IServiceProvider services,
    IOptions<DisplayOptions> options,
    ILogger<HallSubscriber> log) : BackgroundService
{
    private readonly string _hall = options.Value.HallId;
    private readonly bool _voice = options.Value.Voice.Enabled;
    private long _lastSequence;

    /// <summary>Device id used in <c>hall/{hallId}/devices/{id}/status</c>: the MQTT client id.</summary>
    public string DeviceId => mqtt.ClientId;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        mqtt.StateChanged += OnStateChanged;
        state.SetConnected(mqtt.IsConnected);
        using var online = mqtt.OnConnected(PublishStatusAsync);
        var subscriptions = new List<IAsyncDisposable>
        {
            await mqtt.SubscribeAsync(Topics.Catalog(_hall), OnCatalog, stoppingToken),
            await mqtt.SubscribeAsync(Topics.Board(_hall), OnBoard, stoppingToken),
            await mqtt.SubscribeAsync(Topics.CounterState(_hall, "+"), OnCounterState, stoppingToken),
            await mqtt.SubscribeAsync(Topics.Event(_hall, EventTypes.TicketCalled), OnCall, stoppingToken),
            await mqtt.SubscribeAsync(Topics.Event(_hall, EventTypes.TicketRecalled), OnCall, stoppingToken),
        };
        try
        {
            await Task.Delay(Timeout.Infinite, stoppingToken);
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            mqtt.StateChanged -= OnStateChanged;
            foreach (var s in subscriptions)
            {
                await s.DisposeAsync();
            }
        }
    }

    private void OnStateChanged(object? sender, MqttConnectionStateChangedEventArgs e)
    {
        state.SetConnected(e.Current == MqttConnectionState.Connected);
        if (e.Current == MqttConnectionState.Reconnecting)
        {
            log.LogWarning("Lost the broker ({Reason}); the board shows it is offline", e.Reason?.Message ?? "unknown");
        }
    }

    private Task OnCatalog(MqttIncomingMessage m, CancellationToken ct) => Read<CatalogMessage>(m, state.ApplyCatalog);

    private Task OnBoard(MqttIncomingMessage m, CancellationToken ct) => Read<BoardMessage>(m, b => state.ApplyBoard(b, m.Retain));

    private Task OnCounterState(MqttIncomingMessage m, CancellationToken ct) => Read<CounterStateMessage>(m, s =>
    {
        state.ApplyCounterState(s);
        windows.Apply(s);
    });

    private Task OnCall(MqttIncomingMessage m, CancellationToken ct) => Read<HallEventMessage>(m, e =>
    {
        var (number, counter) = e switch
        {
            TicketCalledEvent c => (c.Number, c.CounterId),
            TicketRecalledEvent r => (r.Number, r.CounterId),
            _ => (null, null),
        };
        if (number is null || counter is null)
        {
            return;
        }

        // Events carry a gapless per-hall sequence; a gap means the broker dropped messages.
        if (_lastSequence > 0 && e.Sequence > _lastSequence + 1)
        {
            log.LogWarning("Event gap: sequence {Last} then {Next}; calls in between were not announced", _lastSequence, e.Sequence);
        }

        _lastSequence = Math.Max(_lastSequence, e.Sequence);
        if (_voice && !m.Retain)
        {
            services.GetRequiredService<AnnouncementQueue>().Enqueue(
                new Announcement(number, counter, state.CounterName(counter), e is TicketRecalledEvent, e.Sequence));
        }
    });

    private Task Read<T>(MqttIncomingMessage m, Action<T> apply)
    {
        if (m.Payload.IsEmpty)
        {
            return Task.CompletedTask;
        }

        try
        {
            if (ContractJson.Deserialize<T>(m.Payload.Span) is { } value)
            {
                apply(value);
            }
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            // A malformed message must not take the board down; it keeps the last good state.
            // (An event without a known "type" first cannot be read as one: NotSupportedException.)
            log.LogWarning("Ignoring malformed message on {Topic}: {Reason}", m.Topic, e.Message);
        }

        return Task.CompletedTask;
    }

    private async Task PublishStatusAsync(CancellationToken ct)
    {
        var voice = services.GetService<VoiceService>()?.Status ?? "off";
        await mqtt.PublishDeviceStatusAsync(_hall, DeviceId, new DeviceStatus(true, HealthStates.Ok, $"call board; voice {voice}"), ct);
    }
}
