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
        return reply.Ok ? new TicketReply(reply.Ticket, null) : new TicketReply(null, reply.Error);
    }

    /// <inheritdoc />
    public async Task ReportPrintAsync(string ticketNumber, bool ok, string? reason, string requestId, CancellationToken cancellationToken)
    {
        var reply = await RequestAsync(
            Topics.PrintResultRequest(_options.HallId),
            new PrintResultRequest { RequestId = requestId, TicketNumber = ticketNumber, Ok = ok, Reason = reason },
            cancellationToken);
        if (!reply.Ok)
        {
            log.LogWarning("Print result for {Number} refused: {Reply}", ticketNumber, reply.Error?.Code);
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

    private async Task<Reply> RequestAsync<T>(string topic, T body, CancellationToken cancellationToken)
    {
        var payload = ContractJson.SerializeToUtf8Bytes(body);
        Exception? last = null;
        for (var attempt = 1; attempt <= _options.RequestAttempts; attempt++)
        {
            try
            {
                var reply = await mqtt.RequestAsync(topic, payload, _options.RequestTimeout, cancellationToken);
                return ContractJson.Deserialize<Reply>(reply.Payload.Span) ?? throw new JsonException($"the reply on {reply.Topic} is JSON null");
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
            var catalog = ContractJson.Deserialize<CatalogMessage>(m.Payload.Span);
            if (catalog?.Name is null || catalog.Queues is null || catalog.Services is null)
            {
                throw new JsonException("name, queues and services are required");
            }

            var queues = catalog.Queues.Select(q => new CatalogQueue(q.Id, q.Name, 0)).ToList();
            var services = catalog.Services.Select(s => new CatalogService(s.Id, s.Name, s.QueueId, s.NeedsIdCard, s.AppointmentAllowed)).ToList();
            _catalog = new CatalogSnapshot(catalog.Name, queues, services);
            CatalogChanged?.Invoke();
        }
        catch (JsonException e)
        {
            log.LogWarning("Ignoring a catalogue message that does not parse: {Reason}", e.Message);
        }
    }

    private void ReadBoard(MqttIncomingMessage m)
    {
        try
        {
            var board = ContractJson.Deserialize<BoardMessage>(m.Payload.Span);
            if (board?.Waiting is null)
            {
                throw new JsonException("waiting is required");
            }

            _waiting = board.Waiting.ToDictionary(q => q.QueueId, q => q.Waiting);
            CatalogChanged?.Invoke();
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            log.LogWarning("Ignoring a board message that does not parse: {Reason}", e.Message);
        }
    }
}
