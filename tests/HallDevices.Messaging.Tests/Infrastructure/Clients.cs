using System.Threading.Channels;

namespace HallDevices.Messaging.Tests.Infrastructure;

public static class Clients
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    /// <summary>Options tuned for tests: fast backoff so reconnect tests take a second, not thirty.</summary>
    public static MqttConnectionOptions Options(int port, string protocol = "5", Action<MqttConnectionOptions>? configure = null)
    {
        var options = new MqttConnectionOptions
        {
            Host = "127.0.0.1",
            Port = port,
            ProtocolVersion = protocol,
            KeepAlive = TimeSpan.FromSeconds(5),
            ReconnectMinDelay = TimeSpan.FromMilliseconds(50),
            ReconnectMaxDelay = TimeSpan.FromMilliseconds(300),
            ConnectTimeout = TimeSpan.FromSeconds(3),
            PublishTimeout = TimeSpan.FromSeconds(5),
            RequestTimeout = TimeSpan.FromSeconds(5),
        };
        configure?.Invoke(options);
        return options;
    }

    public static async Task<HallMqttClient> ConnectedAsync(int port, string protocol = "5", Action<MqttConnectionOptions>? configure = null)
    {
        var client = new HallMqttClient(Options(port, protocol, configure));
        await client.StartAsync(CancellationToken.None);
        await client.WaitUntilConnectedAsync(Wait);
        return client;
    }
}

/// <summary>Collects messages from a subscription so a test can await the next one with a timeout.</summary>
public sealed class Probe
{
    private readonly Channel<MqttIncomingMessage> _messages = Channel.CreateUnbounded<MqttIncomingMessage>();

    public Task Handler(MqttIncomingMessage message, CancellationToken cancellationToken)
    {
        _messages.Writer.TryWrite(message);
        return Task.CompletedTask;
    }

    public async Task<MqttIncomingMessage> NextAsync(TimeSpan? timeout = null)
    {
        try
        {
            return await _messages.Reader.ReadAsync().AsTask().WaitAsync(timeout ?? Clients.Wait);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException("expected message did not arrive");
        }
    }

    public bool TryTake(out MqttIncomingMessage? message) => _messages.Reader.TryRead(out message);
}
