using System.Text.Json;
using HallDevices.Contracts;
using HallDevices.Messaging;

namespace HallDevices.Display.CounterDevices;

/// <summary>The requests the bus devices make of the server: a key press as <c>req/counter</c>, a rating as <c>req/evaluate</c>.</summary>
internal sealed partial class BusRequests(string hall, BusOptions options, HallMqttClient mqtt, TimeProvider time, ILogger<BusRequests> log)
{
    private readonly ILogger _log = log;

    /// <summary>Sends <paramref name="action"/> for the keypad's counter; returns what the keypad shows of the answer.</summary>
    public async Task<string> CounterAsync(BusDevice d, string action, DateTimeOffset pressedAt, CancellationToken ct)
    {
        var allowed = TimeSpan.FromSeconds(options.RequestTimeoutSeconds);
        string shown;
        if (time.GetUtcNow() - pressedAt > allowed)
        {
            // Waiting in the outbox while the broker was away: a late call-next would surprise everyone.
            LogStalePress(d.Counter, action);
            shown = WindowText.KeypadNoServer;
        }
        else
        {
            try
            {
                var reply = await mqtt.RequestAsync(
                    Topics.CounterRequest(hall),
                    ContractJson.SerializeToUtf8Bytes(new CounterRequest { RequestId = NewRequestId(d), CounterId = d.Counter, Action = action }),
                    allowed,
                    ct);
                (shown, var outcome) = ReplyText.FromCounterReply(reply.Payload, action);
                LogAnswered(d.Counter, action, outcome);
            }
            catch (Exception e) when (e is MqttRequestTimeoutException or MqttDeliveryTimeoutException or JsonException)
            {
                LogNoAnswer(d.Counter, action, e.Message);
                shown = WindowText.KeypadNoServer;
            }
        }

        return shown;
    }

    /// <summary>Sends the evaluator's <paramref name="score"/> for <paramref name="ticket"/>; the answer is only logged.</summary>
    public async Task EvaluateAsync(BusDevice d, string ticket, int score, CancellationToken ct)
    {
        try
        {
            var reply = await mqtt.RequestAsync(
                Topics.EvaluateRequest(hall),
                ContractJson.SerializeToUtf8Bytes(new EvaluateRequest { RequestId = NewRequestId(d), TicketNumber = ticket, CounterId = d.Counter, Score = score }),
                TimeSpan.FromSeconds(options.RequestTimeoutSeconds),
                ct);
            LogAnswered(d.Counter, "evaluate", ReplyText.FromEvaluateReply(reply.Payload));
        }
        catch (Exception e) when (e is MqttRequestTimeoutException or MqttDeliveryTimeoutException or JsonException)
        {
            LogNoAnswer(d.Counter, "evaluate", e.Message);
        }
    }

    private static string NewRequestId(BusDevice d) => $"{d.DeviceId}-{Guid.NewGuid():N}";

    [LoggerMessage(Level = LogLevel.Information, Message = "{Counter} {Action}: {Outcome}")]
    private partial void LogAnswered(string counter, string action, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Counter} {Action}: no answer from the server ({Reason})")]
    private partial void LogNoAnswer(string counter, string action, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Counter} {Action}: pressed too long ago to send now (server unreachable)")]
    private partial void LogStalePress(string counter, string action);
}
