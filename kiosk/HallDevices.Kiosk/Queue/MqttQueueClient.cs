using System.Text.Json;
using HallDevices.Contracts;
using HallDevices.Kiosk.Flows;
using HallDevices.Messaging;
using Microsoft.Extensions.Options;

namespace HallDevices.Kiosk.Queue;

/// <summary>A queue of the catalogue with its live waiting count.</summary>
/// <param name="Id">Queue id.</param>
/// <param name="Name">Display name (the service category on screen).</param>
/// <param name="Waiting">People waiting now (from the board).</param>
public sealed record CatalogQueue(string Id, string Name, int Waiting);

/// <summary>The hall as the kiosk shows it.</summary>
/// <param name="HallName">Hall name.</param>
/// <param name="Queues">Categories in catalogue order.</param>
/// <param name="Services">Services in catalogue order.</param>
public sealed record CatalogSnapshot(string HallName, IReadOnlyList<CatalogQueue> Queues, IReadOnlyList<CatalogService> Services);

/// <summary>
/// The kiosk's side of the MQTT contract: ticket and print-result requests (retried with the same
/// requestId, so a retry never yields a second ticket), and the retained catalogue and board the
/// touch UI is drawn from. Nothing here invents a number: no answer means "unavailable".
/// </summary>
public sealed class MqttQueueClient(HallMqttClient mqtt, IOptions<KioskOptions> options, ILogger<MqttQueueClient> log) : BackgroundService, IQueueClient, ICatalogSource
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly KioskOptions _options = options.Value;
    private volatile CatalogSnapshot? _catalog;
    private IReadOnlyDictionary<string, int> _waiting = new Dictionary<string, int>();

    /// <summary>The catalogue with waiting counts, once the retained messages arrived.</summary>
    public CatalogSnapshot? Catalog
    {
        get
        {
            var c = _catalog;
            var waiting = _waiting;
            return c is null ? null : c with { Queues = c.Queues.Select(q => q with { Waiting = waiting.GetValueOrDefault(q.Id) }).ToList() };
        }
    }

    /// <summary>True while the broker connection is up.</summary>
    public bool Connected => mqtt.IsConnected;

    /// <inheritdoc />
    public string HallName => _catalog?.HallName ?? _options.HallId;

    /// <summary>Raised when the catalogue or the waiting counts change.</summary>
    public event Action? CatalogChanged;

    /// <inheritdoc />
    public CatalogService? FindService(string serviceId) => _catalog?.Services.FirstOrDefault(s => s.Id == serviceId);

    /// <inheritdoc />
    public async Task<TicketReply> RequestTicketAsync(TicketRequest request, CancellationToken cancellationToken)
    {
        var reply = await RequestAsync(Topics.TicketRequest(_options.HallId), request, cancellationToken);
        return reply.GetProperty("ok").GetBoolean()
            ? new TicketReply(reply.GetProperty("ticket").Deserialize<TicketInfo>(Json), null)
            : new TicketReply(null, reply.GetProperty("error").Deserialize<ErrorInfo>(Json));
    }

    /// <inheritdoc />
    public async Task ReportPrintAsync(string ticketNumber, bool ok, string? reason, string requestId, CancellationToken cancellationToken)
    {
        var reply = await RequestAsync(
            Topics.PrintResultRequest(_options.HallId),
            new PrintResultRequest { RequestId = requestId, TicketNumber = ticketNumber, Ok = ok, Reason = reason },
            cancellationToken);
        if (!reply.GetProperty("ok").GetBoolean())
        {
            log.LogWarning("Print result for {Number} refused: {Reply}", ticketNumber, reply.GetProperty("error").GetProperty("code").GetString());
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await mqtt.SubscribeAsync(Topics.Catalog(_options.HallId), (m, _) =>
        {
            ReadCatalog(m);
            return Task.CompletedTask;
        }, stoppingToken);
        await mqtt.SubscribeAsync(Topics.Board(_options.HallId), (m, _) =>
        {
            ReadBoard(m);
            return Task.CompletedTask;
        }, stoppingToken);
    }

    private async Task<JsonElement> RequestAsync<T>(string topic, T body, CancellationToken cancellationToken)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(body, Json);
        Exception? last = null;
        for (var attempt = 1; attempt <= _options.RequestAttempts; attempt++)
        {
            try
            {
                var reply = await mqtt.RequestAsync(topic, payload, _options.RequestTimeout, cancellationToken);
                using var doc = JsonDocument.Parse(reply.Payload);
                return doc.RootElement.Clone();
            }
            catch (Exception e) when (e is TimeoutException or MqttOperationRejectedException or JsonException)
            {
                last = e;
                log.LogWarning("Request on {Topic} failed (attempt {Attempt}): {Reason}", topic, attempt, e.Message);
            }
        }

        throw new QueueUnavailableException($"no answer on {topic} after {_options.RequestAttempts} attempt(s)", last);
    }

    private void ReadCatalog(MqttIncomingMessage m)
    {
        try
        {
            var root = JsonDocument.Parse(m.Payload).RootElement;
            var queues = root.GetProperty("queues").EnumerateArray()
                .Select(q => new CatalogQueue(q.GetProperty("id").GetString()!, q.GetProperty("name").GetString()!, 0)).ToList();
            var services = root.GetProperty("services").EnumerateArray().Select(s => new CatalogService(
                s.GetProperty("id").GetString()!,
                s.GetProperty("name").GetString()!,
                s.GetProperty("queueId").GetString()!,
                s.TryGetProperty("needsIdCard", out var id) && id.GetBoolean(),
                s.TryGetProperty("appointmentAllowed", out var ap) && ap.GetBoolean())).ToList();
            _catalog = new CatalogSnapshot(root.GetProperty("name").GetString()!, queues, services);
            CatalogChanged?.Invoke();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            log.LogWarning("Ignoring a catalogue message that does not parse: {Reason}", e.Message);
        }
    }

    private void ReadBoard(MqttIncomingMessage m)
    {
        try
        {
            var root = JsonDocument.Parse(m.Payload).RootElement;
            _waiting = root.GetProperty("waiting").EnumerateArray()
                .ToDictionary(q => q.GetProperty("queueId").GetString()!, q => q.GetProperty("waiting").GetInt32());
            CatalogChanged?.Invoke();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            log.LogWarning("Ignoring a board message that does not parse: {Reason}", e.Message);
        }
    }
}
