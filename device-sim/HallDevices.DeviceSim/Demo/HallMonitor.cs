using System.Globalization;
using System.Text;
using System.Text.Json;
using HallDevices.Messaging;

namespace HallDevices.DeviceSim.Demo;

/// <summary>
/// Watches the hall over the MQTT contract only (retained board and counter states, events) and
/// prints what a person would want to see: a line per notable event and, now and then, a table
/// of counters and queues. Also the demo's progress measure (the script stalls when no event
/// arrives for too long) and how the script learns what its key presses did: the events they caused.
/// </summary>
public sealed class HallMonitor(TextWriter output, string hallId)
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<string, JsonElement> _counters = new(StringComparer.Ordinal);
    private readonly List<JsonElement> _events = [];
    private readonly Dictionary<string, bool> _online = new(StringComparer.Ordinal);
    private JsonElement? _board;
    private long _lastSequence;
    private DateTime _lastEventAt = DateTime.UtcNow;

    /// <summary>The latest retained board.</summary>
    public JsonElement? Board
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
                return _board is { } b ? b.GetProperty("waiting").EnumerateArray().Sum(q => q.GetProperty("waiting").GetInt32()) : null;
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
                return DateTime.UtcNow - _lastEventAt;
            }
        }
    }

    /// <summary>Subscribes to the hall.</summary>
    public async Task AttachAsync(HallMqttClient mqtt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mqtt);
        await mqtt.SubscribeAsync($"hall/{hallId}/board", (m, _) => Keep(() => _board = Json(m)), cancellationToken);
        await mqtt.SubscribeAsync($"hall/{hallId}/counters/+/state", (m, _) => Keep(() => _counters[m.Topic.Split('/')[3]] = Json(m)), cancellationToken);
        await mqtt.SubscribeAsync($"hall/{hallId}/events/#", (m, _) => Keep(() => OnEvent(Json(m))), cancellationToken);
        await mqtt.SubscribeAsync($"hall/{hallId}/devices/+/status", (m, _) => Keep(() => OnDevice(m.Topic.Split('/')[3], Json(m))), cancellationToken);
    }

    /// <summary>Prints the counters and queues as they stand.</summary>
    public void PrintTable()
    {
        var sb = new StringBuilder();
        lock (_gate)
        {
            sb.AppendLine("  window   status    ticket   | queue              waiting  est.");
            var queues = _board is { } b ? b.GetProperty("waiting").EnumerateArray().ToList() : [];
            var counters = _counters.ToList();
            for (var i = 0; i < Math.Max(counters.Count, queues.Count); i++)
            {
                var left = i < counters.Count
                    ? $"  {counters[i].Key,-8} {Str(counters[i].Value, "status"),-9} {Str(counters[i].Value, "ticket") ?? "-",-8}"
                    : new string(' ', 30);
                var right = i < queues.Count
                    ? $" | {Pad(Str(queues[i], "queueName") ?? "", 16)} {queues[i].GetProperty("waiting").GetInt32(),4}  {queues[i].GetProperty("estimatedWaitMinutes").GetInt32(),3} min"
                    : " |";
                sb.AppendLine(left + right);
            }
        }

        output.Write(sb.ToString());
        output.Flush();
    }

    private void OnEvent(JsonElement e)
    {
        _events.Add(e);
        _lastSequence = Math.Max(_lastSequence, e.GetProperty("sequence").GetInt64());
        _lastEventAt = DateTime.UtcNow;
        var at = e.GetProperty("at").GetDateTimeOffset().ToString("HH:mm", CultureInfo.InvariantCulture);
        var number = Str(e, "number");
        var line = Str(e, "type") switch
        {
            "ticket-issued" => $"{number} issued ({Str(e, "serviceId")}, {Str(e, "channel")}, {Str(e, "priority")})",
            "ticket-called" => $"{number} called to {Str(e, "counterId")}",
            "ticket-recalled" => $"{number} recalled at {Str(e, "counterId")}",
            "ticket-skipped" => $"{number} skipped: no-show at {Str(e, "counterId")}",
            "ticket-voided" => $"{number} voided ({Str(e, "reason")})",
            "evaluation" => $"{number} rated {e.GetProperty("score").GetInt32()}/5",
            "counter-changed" => $"{Str(e, "counterId")} {Str(e, "action")}",
            _ => null,
        };
        if (line is not null)
        {
            output.WriteLine($"[{at}] {line}");
        }
    }

    private void OnDevice(string device, JsonElement status)
    {
        var health = Str(status, "health");
        var online = status.TryGetProperty("online", out var o) && o.GetBoolean();
        _online[device] = online;
        output.WriteLine($"        device {device}: {(online ? "online" : "OFFLINE")}, {health}");
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

    private static JsonElement Json(MqttIncomingMessage m) => JsonDocument.Parse(m.Payload).RootElement.Clone();

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
