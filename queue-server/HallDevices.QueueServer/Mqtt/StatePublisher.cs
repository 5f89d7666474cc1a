using HallDevices.Contracts;
using HallDevices.Hosting;
using HallDevices.Messaging;
using HallDevices.Queueing.Engine;
using HallDevices.QueueServer.Halls;
using HallDevices.QueueServer.Storage;
using Microsoft.Extensions.Options;

namespace HallDevices.QueueServer.Mqtt;

/// <summary>
/// Keeps the broker's picture of every hall true: publishes each committed event on
/// <c>hall/{hallId}/events/{type}</c> in log order, and the retained <c>catalog</c>, <c>board</c> and
/// counter <c>state</c> after every batch of changes and after every (re)connection. While the broker
/// is unreachable, events are not retried: they stay in the log, and consumers fetch the gap by
/// sequence (<c>req/events</c>); retained state is republished whole on reconnection.
/// </summary>
public sealed class StatePublisher(HallRegistry registry, HallChangeFeed feed, HallMqttClient mqtt, HallClock clock, IOptions<BrokerOptions> broker, ILogger<StatePublisher> log) : BackgroundService
{
    private readonly Dictionary<string, HallBoard> _boards = registry.Halls.ToDictionary(h => h.Hall.Id, h => new HallBoard(h));
    private readonly SemaphoreSlim _publishing = new(1, 1);

    /// <summary>
    /// Fails start-up when a hall's catalogue or a guide would not pass the broker: retained state
    /// the broker refuses would leave every kiosk without a catalogue, silently.
    /// </summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        var limit = broker.Value.MaxMessageBytes;
        foreach (var hall in registry.Halls)
        {
            var catalog = Json(CatalogMessages.Catalog(hall.Hall)).Length;
            if (catalog > limit)
            {
                throw new StartupException($"hall {hall.Hall.Id}: its catalogue is {catalog} bytes, over Mqtt:MaxMessageBytes ({limit}); shorten names or raise the limit (and Mosquitto's max_packet_size)");
            }

            foreach (var service in hall.Hall.Services.Where(s => s.Guide is not null))
            {
                var guide = Json(CatalogMessages.Guide(hall.Hall, service)!).Length;
                if (guide > limit)
                {
                    throw new StartupException($"hall {hall.Hall.Id}: the guide of {service.Id} is {guide} bytes, over Mqtt:MaxMessageBytes ({limit})");
                }
            }
        }

        return base.StartAsync(cancellationToken);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var board in _boards.Values)
        {
            board.Restore();
        }

        using var reconnected = mqtt.OnConnected(PublishEverythingAsync);
        if (mqtt.IsConnected)
        {
            await PublishEverythingAsync(stoppingToken);
        }

        var reader = feed.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                await PublishBatchAsync(CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: what was committed before the request listener stopped still goes out.
            await PublishBatchAsync(CancellationToken.None);
        }
    }

    private async Task PublishBatchAsync(CancellationToken ct)
    {
        var batch = new List<HallChange>();
        while (batch.Count < 1000 && feed.Reader.TryRead(out var change))
        {
            batch.Add(change);
        }

        if (batch.Count == 0)
        {
            return;
        }

        await _publishing.WaitAsync(ct);
        try
        {
            foreach (var change in batch)
            {
                foreach (var e in change.Events)
                {
                    _boards[change.HallId].Apply(e);
                }
            }

            if (!mqtt.IsConnected)
            {
                return;
            }

            foreach (var change in batch)
            {
                // Follow-up and appeal records stay in the log (EventMessages.IsPublished).
                foreach (var e in change.Events.Where(EventMessages.IsPublished))
                {
                    await mqtt.PublishAsync(Topics.Event(change.HallId, e.Type), ContractJson.SerializeToUtf8Bytes(EventMessages.ToMessage(e)), cancellationToken: ct);
                }
            }

            foreach (var hallId in batch.Select(c => c.HallId).Distinct())
            {
                var board = _boards[hallId];
                await mqtt.PublishAsync(Topics.Board(hallId), Json(board.Compose(clock.Time.GetUtcNow())), retain: true, ct);
                foreach (var counter in batch.Where(c => c.HallId == hallId).SelectMany(c => c.Counters).GroupBy(c => c.CounterId).Select(g => g.Last()))
                {
                    await mqtt.PublishAsync(Topics.CounterState(hallId, counter.CounterId), Json(board.CounterState(counter)), retain: true, ct);
                }
            }
        }
        catch (Exception e) when (e is TimeoutException or MqttOperationRejectedException or InvalidOperationException)
        {
            // The broker went away mid-batch. Events are in the log for gap fetches, and the
            // reconnect handler republishes all retained state.
            log.LogWarning("Publishing to the broker failed ({Reason}); state will be republished on reconnection", e.Message);
        }
        finally
        {
            _publishing.Release();
        }
    }

    /// <summary>After every connection: the whole retained picture of every hall.</summary>
    private async Task PublishEverythingAsync(CancellationToken ct)
    {
        await _publishing.WaitAsync(ct);
        try
        {
            foreach (var hall in registry.Halls)
            {
                var board = _boards[hall.Hall.Id];
                await mqtt.PublishAsync(Topics.Catalog(hall.Hall.Id), Json(board.Catalog()), retain: true, ct);
                foreach (var service in hall.Hall.Services)
                {
                    // No guide: an empty retained message clears one an earlier hall file had.
                    var guide = CatalogMessages.Guide(hall.Hall, service);
                    await mqtt.PublishAsync(Topics.Guide(hall.Hall.Id, service.Id), guide is null ? ReadOnlyMemory<byte>.Empty : Json(guide), retain: true, ct);
                }

                await mqtt.PublishAsync(Topics.Board(hall.Hall.Id), Json(board.Compose(clock.Time.GetUtcNow())), retain: true, ct);
                foreach (var counter in hall.Engine.Counters())
                {
                    await mqtt.PublishAsync(Topics.CounterState(hall.Hall.Id, counter.CounterId), Json(board.CounterState(counter)), retain: true, ct);
                }
            }

            log.LogInformation("Published retained state of {Halls} hall(s)", registry.Halls.Count);
        }
        catch (Exception e) when (e is TimeoutException or MqttOperationRejectedException or InvalidOperationException)
        {
            log.LogWarning("Publishing retained state failed ({Reason}); retrying on the next connection", e.Message);
        }
        finally
        {
            _publishing.Release();
        }
    }

    private static byte[] Json<T>(T value) => ContractJson.SerializeToUtf8Bytes(value);

    /// <inheritdoc />
    public override void Dispose()
    {
        _publishing.Dispose();
        base.Dispose();
    }
}
