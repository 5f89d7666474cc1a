using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using HallDevices.Messaging;

namespace HallDevices.Testing;

/// <summary>Sample accounts shipped in appsettings.json (docs/mqtt-api.md lists them).</summary>
public static class Sample
{
    public const string Hall = "xinqiao";

    public static readonly (string User, string Password) Kiosk = ("kiosk-01", "sample-kiosk-01");
    public static readonly (string User, string Password) Display = ("display-01", "sample-display-01");
    public static readonly (string User, string Password) KeypadW3 = ("keypad-w3", "sample-keypad-w3");
    public static readonly (string User, string Password) Integrator = ("integrator", "sample-integrator");
}

public static class Mqtt
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    public static async Task<HallMqttClient> ConnectAsync(int port, (string User, string Password) account, string? clientId = null, string protocol = "5")
    {
        var client = new HallMqttClient(new MqttConnectionOptions
        {
            Host = "127.0.0.1",
            Port = port,
            ClientId = clientId ?? $"{account.User}-{Guid.NewGuid():N}"[..30],
            Username = account.User,
            Password = account.Password,
            ProtocolVersion = protocol,
            ReconnectMinDelay = TimeSpan.FromMilliseconds(100),
            ReconnectMaxDelay = TimeSpan.FromMilliseconds(500),
            ConnectTimeout = TimeSpan.FromSeconds(3),
            PublishTimeout = TimeSpan.FromSeconds(3),
            RequestTimeout = TimeSpan.FromSeconds(5),
        });
        await client.StartAsync(CancellationToken.None);
        await client.WaitUntilConnectedAsync(Wait);
        return client;
    }

    public static async Task<JsonElement> RequestAsync(this HallMqttClient client, string kind, object payload)
    {
        var reply = await client.RequestAsync($"hall/{Sample.Hall}/req/{kind}", JsonSerializer.SerializeToUtf8Bytes(payload));
        return JsonDocument.Parse(reply.Payload).RootElement.Clone();
    }

    public static async Task<JsonElement> RequestAsync(this HallMqttClient client, string hallId, string kind, object payload)
    {
        var reply = await client.RequestAsync($"hall/{hallId}/req/{kind}", JsonSerializer.SerializeToUtf8Bytes(payload));
        return JsonDocument.Parse(reply.Payload).RootElement.Clone();
    }

    public static async Task<JsonElement> RequestRawAsync(this HallMqttClient client, string kind, string payload)
    {
        var reply = await client.RequestAsync($"hall/{Sample.Hall}/req/{kind}", Encoding.UTF8.GetBytes(payload));
        return JsonDocument.Parse(reply.Payload).RootElement.Clone();
    }

    public static string Code(this JsonElement reply) =>
        reply.GetProperty("ok").GetBoolean() ? "ok" : reply.GetProperty("error").GetProperty("code").GetString()!;

    public static string Number(this JsonElement reply) => reply.GetProperty("ticket").GetProperty("number").GetString()!;
}

/// <summary>Collects messages of a subscription; awaits the next one matching a condition.</summary>
public sealed class Inbox
{
    private readonly Channel<MqttIncomingMessage> _channel = Channel.CreateUnbounded<MqttIncomingMessage>();
    private readonly List<MqttIncomingMessage> _seen = [];

    public IReadOnlyList<MqttIncomingMessage> Seen
    {
        get
        {
            lock (_seen)
            {
                return _seen.ToList();
            }
        }
    }

    public Task Handler(MqttIncomingMessage message, CancellationToken ct)
    {
        lock (_seen)
        {
            _seen.Add(message);
        }

        _channel.Writer.TryWrite(message);
        return Task.CompletedTask;
    }

    /// <summary>The first message, already received or still to come, that matches.</summary>
    public async Task<MqttIncomingMessage> WaitForAsync(Func<MqttIncomingMessage, bool> match, TimeSpan? timeout = null)
    {
        if (Seen.FirstOrDefault(match) is { } earlier)
        {
            return earlier;
        }

        using var cts = new CancellationTokenSource(timeout ?? Mqtt.Wait);
        try
        {
            while (true)
            {
                var m = await _channel.Reader.ReadAsync(cts.Token);
                if (match(m))
                {
                    return m;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("no matching message arrived; seen: " + string.Join(", ", Seen.Select(s => s.Topic)));
        }
    }

    public static JsonElement Json(MqttIncomingMessage m) => JsonDocument.Parse(m.Payload).RootElement.Clone();
}
