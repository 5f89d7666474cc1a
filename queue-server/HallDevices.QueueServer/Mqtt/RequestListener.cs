using System.Diagnostics;
using System.Text.Json;
using HallDevices.Contracts;
using HallDevices.Messaging;
using HallDevices.QueueServer.Halls;
using Microsoft.Extensions.Options;

namespace HallDevices.QueueServer.Mqtt;

/// <summary>
/// Answers the contract's requests: <c>hall/+/req/{ticket,counter,evaluate,print-result,events}</c>.
/// Every request gets a reply — a refusal carries an error code, never silence — sent to the MQTT 5
/// Response Topic with the same Correlation Data, or to the payload's <c>replyTo</c> for 3.1.1
/// clients. Only a request naming no reply topic at all cannot be answered; it is counted.
/// </summary>
public sealed class RequestListener(
    HallRegistry registry,
    HallRequests requests,
    HallMqttClient mqtt,
    IOptions<BrokerOptions> options,
    ServerMetrics metrics,
    ILogger<RequestListener> log) : BackgroundService
{
    private static readonly string[] Kinds = ["ticket", "counter", "evaluate", "print-result", "events"];
    private const int MaxRepliesInFlight = 256;

    /// <summary>Room left in a broker message for the reply's own fields, topic and properties.</summary>
    private const int ReplyHeadroomBytes = 2048;
    private readonly List<IAsyncDisposable> _subscriptions = [];
    private readonly SemaphoreSlim _repliesInFlight = new(MaxRepliesInFlight, MaxRepliesInFlight);
    private volatile bool _subscribed;

    /// <summary>True once every request topic is subscribed and the client is connected: requests will be answered.</summary>
    public bool Ready => _subscribed && mqtt.IsConnected;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var kind in Kinds)
        {
            _subscriptions.Add(await mqtt.SubscribeAsync($"hall/+/req/{kind}", HandleAsync, stoppingToken));
        }

        _subscribed = true;
        log.LogInformation("Answering requests for hall(s) {Halls}", string.Join(", ", registry.Halls.Select(h => h.Hall.Id)));
    }

    /// <summary>Stops taking requests first, so the publisher can drain what was committed.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _subscribed = false;
        foreach (var s in _subscriptions)
        {
            await s.DisposeAsync();
        }

        await base.StopAsync(cancellationToken);

        // Requests already answered get their replies out before the client disconnects.
        await DrainAsync(TimeSpan.FromSeconds(5));
    }

    /// <summary>
    /// Handles one request message: decides and commits it here, in arrival order, then sends the
    /// reply without waiting for the broker's acknowledgement, so the next request does not queue
    /// behind a network round trip. At most <see cref="MaxRepliesInFlight"/> replies are in flight.
    /// </summary>
    public async Task HandleAsync(MqttIncomingMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);

        // Timed from the moment the client took the request off the connection, so time queued
        // behind other requests in this process counts too.
        var started = message.ReceivedTimestamp;
        var parts = message.Topic.Split('/');
        var (hallId, kind) = (parts[1], parts[3]);
        var reply = Answer(hallId, kind, message.Payload);
        var body = ContractJson.SerializeToUtf8Bytes(reply);
        metrics.Request(kind, reply.Ok ? "ok" : reply.Error!.Code, Stopwatch.GetElapsedTime(started));

        await _repliesInFlight.WaitAsync(ct);
        _ = SendAsync(message, body, ct);
    }

    /// <summary>Waits until every reply handed to the broker was acknowledged (graceful shutdown).</summary>
    private async Task DrainAsync(TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp();
        while (_repliesInFlight.CurrentCount < MaxRepliesInFlight && Stopwatch.GetElapsedTime(deadline) < timeout)
        {
            await Task.Delay(10);
        }
    }

    private async Task SendAsync(MqttIncomingMessage message, byte[] body, CancellationToken ct)
    {
        try
        {
            if (!await mqtt.ReplyAsync(message, body, ct))
            {
                metrics.Unanswerable();
            }
        }
        catch (Exception e) when (e is TimeoutException or MqttOperationRejectedException or OperationCanceledException or InvalidOperationException)
        {
            log.LogWarning("Reply to {Topic} could not be sent: {Reason}", message.Topic, e.Message);
            metrics.Unanswerable();
        }
        finally
        {
            _repliesInFlight.Release();
        }
    }

    private Reply Answer(string hallId, string kind, ReadOnlyMemory<byte> payload)
    {
        if (payload.Length > options.Value.MaxPayloadBytes)
        {
            return Reply.Fail(ErrorCodes.PayloadTooLarge, $"request payload is {payload.Length} bytes; the limit is {options.Value.MaxPayloadBytes}");
        }

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(payload);
        }
        catch (JsonException e)
        {
            return Reply.Fail(ErrorCodes.MalformedJson, $"payload is not valid JSON: {e.Message}");
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Reply.Fail(ErrorCodes.MalformedJson, "payload must be a JSON object");
            }

            if (!doc.RootElement.TryGetProperty("requestId", out var id) || id.ValueKind != JsonValueKind.String || id.GetString() is not { Length: > 0 and <= 128 })
            {
                return Reply.Fail(ErrorCodes.InvalidRequest, "requestId is required: a string of 1 to 128 characters");
            }

            try
            {
                return kind switch
                {
                    "ticket" => requests.IssueTicket(hallId, doc.Deserialize(ContractJson.Context.TicketRequest)!),
                    "counter" => requests.Counter(hallId, doc.Deserialize(ContractJson.Context.CounterRequest)!),
                    "evaluate" => requests.Evaluate(hallId, doc.Deserialize(ContractJson.Context.EvaluateRequest)!),
                    "print-result" => requests.PrintResult(hallId, doc.Deserialize(ContractJson.Context.PrintResultRequest)!),
                    "events" => Events(hallId, doc.Deserialize(ContractJson.Context.EventsRequest)!),
                    _ => Reply.Fail(ErrorCodes.InvalidRequest, $"unknown request kind '{kind}'"),
                };
            }
            catch (JsonException e)
            {
                return Reply.Fail(ErrorCodes.InvalidRequest, $"field {e.Path} has the wrong type");
            }
            catch (Exception e) when (e is IOException or TimeoutException)
            {
                // The journal could not be written (disk full) or the database is far behind it:
                // nothing was changed, and the client is told so instead of hearing nothing.
                log.LogError(e, "Request {Kind} for hall {HallId} failed in storage", kind, hallId);
                return Reply.Fail(ErrorCodes.StorageUnavailable, "the hall's storage is failing; nothing was changed. Try again shortly.");
            }
        }
    }

    private Reply Events(string hallId, EventsRequest request)
    {
        if (registry.Find(hallId) is not { } hall)
        {
            return Reply.Fail(ErrorCodes.UnknownHall, $"no hall '{hallId}' on this server");
        }

        // As published on the events topics: ratings included, follow-up and appeal records not.
        var page = EventMessages.Page(hall.Store, Math.Max(0, request.After ?? 0), Math.Clamp(request.Limit ?? 500, 1, 1000), withRatings: true);
        return new Reply(true) { Events = FitMessage(page) };
    }

    /// <summary>
    /// The leading events of a page whose reply fits one broker message (<c>Mqtt:MaxMessageBytes</c>,
    /// less room for the topic and properties): a reply the broker refuses would reach the client as
    /// silence. The client asks again from the last sequence it got; an empty page is the end.
    /// </summary>
    private HallEventMessage[] FitMessage(HallEventMessage[] page)
    {
        var budget = options.Value.MaxMessageBytes - ReplyHeadroomBytes;
        var used = 0;
        for (var i = 0; i < page.Length; i++)
        {
            // One event's bytes as an array element: its JSON and the comma before the next.
            used += ContractJson.SerializeToUtf8Bytes(new[] { page[i] }).Length - 1;
            if (used > budget)
            {
                return page[..Math.Max(1, i)];
            }
        }

        return page;
    }
}
