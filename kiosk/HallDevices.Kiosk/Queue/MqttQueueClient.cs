using System.Text.Json;
using HallDevices.Contracts;
using HallDevices.Kiosk.Flows;
using HallDevices.Messaging;
using Microsoft.Extensions.Options;

namespace HallDevices.Kiosk.Queue;

/// <summary>
/// The kiosk's side of the MQTT contract: ticket and print-result requests (retried with the same
/// requestId, so a retry never yields a second ticket), and the retained catalogue and board the
/// touch UI is drawn from (catalogue, board, guides: read by <see cref="CatalogReader"/>). Nothing here
/// invents a number: no answer means "unavailable".
/// </summary>
public sealed class MqttQueueClient(HallMqttClient mqtt, IOptions<KioskOptions> options, ILogger<MqttQueueClient> log) : BackgroundService, IQueueClient, ICatalogSource
{
    private readonly KioskOptions _options = options.Value;
    private readonly CatalogReader _reader = new(log);

    /// <summary>The catalogue with waiting counts, once the retained messages arrived.</summary>
    public CatalogSnapshot? Catalog => _reader.Snapshot;

    /// <summary>The retained catalogue, board and guides as read so far.</summary>
    public CatalogReader Reader => _reader;

    /// <summary>True while the broker connection is up.</summary>
    public bool Connected => mqtt.IsConnected;

    /// <inheritdoc />
    public string HallName => _reader.HallName ?? _options.HallId;

    /// <summary>Raised when the catalogue or the waiting counts change.</summary>
    public event Action? CatalogChanged
    {
        add => _reader.Changed += value;
        remove => _reader.Changed -= value;
    }

    /// <summary>Raised with the service's id when its guide arrives, changes or goes.</summary>
    public event Action<string>? GuideChanged
    {
        add => _reader.GuideChanged += value;
        remove => _reader.GuideChanged -= value;
    }

    /// <inheritdoc />
    public CatalogService? FindService(string serviceId) => _reader.FindService(serviceId);

    /// <inheritdoc />
    public GuideMessage? FindGuide(string serviceId) => _reader.FindGuide(serviceId);

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
            _reader.ReadCatalog(m);
            return Task.CompletedTask;
        }, stoppingToken);
        await mqtt.SubscribeAsync(Topics.Board(_options.HallId), (m, _) =>
        {
            _reader.ReadBoard(m);
            return Task.CompletedTask;
        }, stoppingToken);
        await mqtt.SubscribeAsync(Topics.Guides(_options.HallId), (m, _) =>
        {
            _reader.ReadGuide(m);
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
}
