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
            await mqtt.SubscribeAsync(Topics.Event(_hall, "ticket-called"), OnCall, stoppingToken),
            await mqtt.SubscribeAsync(Topics.Event(_hall, "ticket-recalled"), OnCall, stoppingToken),
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

    private Task OnCatalog(MqttIncomingMessage m, CancellationToken ct) => Read<CatalogDto>(m, state.ApplyCatalog);

    private Task OnBoard(MqttIncomingMessage m, CancellationToken ct) => Read<BoardDto>(m, b => state.ApplyBoard(b, m.Retain));

    private Task OnCounterState(MqttIncomingMessage m, CancellationToken ct) => Read<CounterStateDto>(m, s =>
    {
        state.ApplyCounterState(s);
        windows.Apply(s);
    });

    private Task OnCall(MqttIncomingMessage m, CancellationToken ct) => Read<CallEventDto>(m, e =>
    {
        if (e.Number is null || e.CounterId is null)
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
                new Announcement(e.Number, e.CounterId, state.CounterName(e.CounterId), e.Type == "ticket-recalled" || m.Topic.EndsWith("/ticket-recalled", StringComparison.Ordinal), e.Sequence));
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
            if (JsonSerializer.Deserialize<T>(m.Payload.Span, HallJson.Options) is { } value)
            {
                apply(value);
            }
        }
        catch (JsonException e)
        {
            // A malformed message must not take the board down; it keeps the last good state.
            log.LogWarning("Ignoring malformed message on {Topic}: {Reason}", m.Topic, e.Message);
        }

        return Task.CompletedTask;
    }

    private async Task PublishStatusAsync(CancellationToken ct)
    {
        var voice = services.GetService<VoiceService>()?.Status ?? "off";
        await mqtt.PublishJsonAsync(
            Topics.DeviceStatus(_hall, DeviceId),
            new { online = true, health = "ok", detail = $"call board; voice {voice}" },
            retain: true,
            ct);
    }
}
