using System.Globalization;
using System.Text;
using System.Text.Json;
using HallDevices.Contracts;
using HallDevices.Messaging;

namespace HallDevices.DeviceSim.Demo;

/// <summary>
/// Watches the hall over the MQTT contract only (retained board and counter states, events) and
/// prints what a person would want to see: a line per notable event and, now and then, a table
/// of counters and queues. Also the demo's progress measure (the script stalls when no event
/// arrives for too long) and how the script learns what its key presses did: the events they caused.
/// </summary>
public sealed class HallMonitor(TextWriter output, string hallId, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<string, CounterStateMessage> _counters = new(StringComparer.Ordinal);

    // Kept as JSON for FindEvent, which the demo script matches on by field name.
    private readonly List<JsonElement> _events = [];
    private readonly Dictionary<string, bool> _online = new(StringComparer.Ordinal);
    private BoardMessage? _board;
    private long _lastSequence;
    private DateTimeOffset _lastEventAt = time.GetUtcNow();

    /// <summary>The latest retained board.</summary>
    public BoardMessage? Board
    {
        get
        {
            lock (_gate)
            {
                return _board;
            }
        }
    }

    /// <summary>Sequence of the last event seen.</summary>
    public long LastSequence
    {
        get
        {
            lock (_gate)
            {
                return _lastSequence;
            }
        }
    }

    /// <summary>Events received so far: a mark taken before a key press, so only what follows it is looked at.</summary>
    public int EventCount
    {
        get
        {
            lock (_gate)
            {
                return _events.Count;
            }
        }
    }

    /// <summary>People waiting in every queue, as the retained board says; null before the first board.</summary>
    public int? Waiting
    {
        get
        {
            lock (_gate)
            {
                return _board?.Waiting.Sum(q => q.Waiting);
            }
        }
    }

    /// <summary>The first event received after <paramref name="mark"/> (an <see cref="EventCount"/>) that matches, if any yet.</summary>
    public JsonElement? FindEvent(int mark, Func<JsonElement, bool> match)
    {
        ArgumentNullException.ThrowIfNull(match);
        lock (_gate)
        {
            for (var i = mark; i < _events.Count; i++)
            {
                if (match(_events[i]))
                {
                    return _events[i];
                }
            }

            return null;
        }
    }

    /// <summary>Whether <paramref name="deviceId"/>'s retained status says it is online.</summary>
    public bool Online(string deviceId)
    {
        lock (_gate)
        {
            return _online.GetValueOrDefault(deviceId);
        }
    }

    /// <summary>Real time since the last event.</summary>
    public TimeSpan Quiet
    {
        get
        {
            lock (_gate)
            {
                return time.GetUtcNow() - _lastEventAt;
            }
        }
    }

    /// <summary>Subscribes to the hall.</summary>
    public async Task AttachAsync(HallMqttClient mqtt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mqtt);
        await mqtt.SubscribeAsync(Topics.Board(hallId), (m, _) => Keep(() => _board = Read<BoardMessage>(m)), cancellationToken);
        await mqtt.SubscribeAsync(Topics.CounterState(hallId, "+"), (m, _) => Keep(() => _counters[m.Topic.Split('/')[3]] = Read<CounterStateMessage>(m)), cancellationToken);
        await mqtt.SubscribeAsync(Topics.Event(hallId, "#"), (m, _) => Keep(() => OnEvent(Read<HallEventMessage>(m), JsonDocument.Parse(m.Payload).RootElement.Clone())), cancellationToken);
        await mqtt.SubscribeAsync(Topics.DeviceStatus(hallId, "+"), (m, _) => Keep(() => OnDevice(m.Topic.Split('/')[3], Read<DeviceStatus>(m))), cancellationToken);
    }

    /// <summary>Prints the counters and queues as they stand.</summary>
    public void PrintTable()
    {
        var sb = new StringBuilder();
        lock (_gate)
        {
            sb.AppendLine("  window   status    ticket   | queue              waiting  est.");
            var queues = _board?.Waiting ?? [];
            var counters = _counters.ToList();
            for (var i = 0; i < Math.Max(counters.Count, queues.Count); i++)
            {
                var left = i < counters.Count
                    ? $"  {counters[i].Key,-8} {counters[i].Value.Status,-9} {counters[i].Value.Ticket ?? "-",-8}"
                    : new string(' ', 30);
                var right = i < queues.Count
                    ? $" | {Pad(queues[i].QueueName ?? "", 16)} {queues[i].Waiting,4}  {queues[i].EstimatedWaitMinutes,3} min"
                    : " |";
                sb.AppendLine(left + right);
            }
        }

        output.Write(sb.ToString());
        output.Flush();
    }

    private void OnEvent(HallEventMessage e, JsonElement json)
    {
        _events.Add(json);
        _lastSequence = Math.Max(_lastSequence, e.Sequence);
        _lastEventAt = time.GetUtcNow();
        var at = e.At.ToString("HH:mm", CultureInfo.InvariantCulture);
        var line = e switch
        {
            TicketIssuedEvent x => $"{x.Number} issued ({x.ServiceId}, {x.Channel}, {x.Priority})",
            TicketCalledEvent x => $"{x.Number} called to {x.CounterId}",
            TicketRecalledEvent x => $"{x.Number} recalled at {x.CounterId}",
            TicketSkippedEvent x => $"{x.Number} skipped: no-show at {x.CounterId}",
            TicketVoidedEvent x => $"{x.Number} voided ({x.Reason})",
            EvaluationEvent x => $"{x.Number} rated {x.Score}/5",
            CounterChangedEvent x => $"{x.CounterId} {x.Action}",
            _ => null,
        };
        if (line is not null)
        {
            output.WriteLine($"[{at}] {line}");
        }
    }

    private void OnDevice(string device, DeviceStatus status)
    {
        _online[device] = status.Online;
        output.WriteLine($"        device {device}: {(status.Online ? "online" : "OFFLINE")}, {status.Health}");
    }

    private Task Keep(Action update)
    {
        lock (_gate)
        {
            update();
        }

        return Task.CompletedTask;
    }

    /// <summary>Pads to a terminal width where a hanzi takes two columns.</summary>
    private static string Pad(string text, int columns)
    {
        var width = text.Sum(c => c >= 0x2E80 ? 2 : 1);
        return text + new string(' ', Math.Max(0, columns - width));
    }

    private static T Read<T>(MqttIncomingMessage m)
        where T : class =>
        ContractJson.Deserialize<T>(m.Payload.Span) ?? throw new JsonException($"{m.Topic} carried JSON null");
}
