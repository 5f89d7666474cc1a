using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using MQTTnet;
using MQTTnet.Protocol;

namespace HallDevices.LoadGen;

/// <summary>
/// The broker's own QoS 1 round trip, beside which the server's figures are read: a plain MQTTnet
/// client publishes a sequence number, an echo client subscribed to that topic publishes it back,
/// one message in flight at a time, either back to back or with a gap between round trips (the
/// paced request phase's interval, so sleeping threads have to wake as they do there). Both log in as the sample display account, whose ACL on the
/// embedded broker lets it publish and read <c>devices/+/status</c> in its hall, so the embedded
/// broker's authorisation hook is on the path exactly as for real traffic.
/// </summary>
internal static class RawRoundTrip
{
    private const int WarmupSamples = 300;

    public static async Task<LatencySummary> MeasureAsync(int port, MqttLogin login, int samples, TimeSpan gap, CancellationToken ct)
    {
        var ping = $"hall/{AccountBook.HallId}/devices/loadgen-ping/status";
        var pong = $"hall/{AccountBook.HallId}/devices/loadgen-pong/status";
        var factory = new MqttClientFactory();
        using var echo = factory.CreateMqttClient();
        using var pinger = factory.CreateMqttClient();

        echo.ApplicationMessageReceivedAsync += async e =>
        {
            var back = new MqttApplicationMessageBuilder().WithTopic(pong).WithPayload(e.ApplicationMessage.Payload.ToArray())
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
            await echo.PublishAsync(back, ct);
        };

        TaskCompletionSource<long>? waiting = null;
        long expected = -1;
        pinger.ApplicationMessageReceivedAsync += e =>
        {
            var payload = e.ApplicationMessage.Payload;
            if (payload.Length == 8)
            {
                Span<byte> buffer = stackalloc byte[8];
                payload.CopyTo(buffer);
                var seq = BinaryPrimitives.ReadInt64LittleEndian(buffer);
                if (seq == Volatile.Read(ref expected))
                {
                    Volatile.Read(ref waiting)?.TrySetResult(Stopwatch.GetTimestamp());
                }
            }

            return Task.CompletedTask;
        };

        await echo.ConnectAsync(MqttClients.Options(port, "lg-echo", login), ct);
        await pinger.ConnectAsync(MqttClients.Options(port, "lg-ping", login), ct);
        await echo.SubscribeAsync(factory.CreateSubscribeOptionsBuilder().WithTopicFilter(ping, MqttQualityOfServiceLevel.AtLeastOnce).Build(), ct);
        await pinger.SubscribeAsync(factory.CreateSubscribeOptionsBuilder().WithTopicFilter(pong, MqttQualityOfServiceLevel.AtLeastOnce).Build(), ct);

        var recorder = new LatencyRecorder(samples);
        var payloadBuffer = new byte[8];
        var deadline = Stopwatch.GetTimestamp() + (60 * Stopwatch.Frequency);
        var warmup = gap > TimeSpan.Zero ? WarmupSamples / 10 : WarmupSamples;
        for (var i = 0; i < warmup + samples && Stopwatch.GetTimestamp() < deadline; i++)
        {
            if (gap > TimeSpan.Zero)
            {
                await Task.Delay(gap, ct);
            }

            var tcs = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref waiting, tcs);
            Volatile.Write(ref expected, i);
            BinaryPrimitives.WriteInt64LittleEndian(payloadBuffer, i);
            var message = new MqttApplicationMessageBuilder().WithTopic(ping).WithPayload(payloadBuffer.ToArray())
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
            var started = Stopwatch.GetTimestamp();
            await pinger.PublishAsync(message, ct);
            long arrived;
            try
            {
                arrived = await tcs.Task.WaitAsync(TimeSpan.FromSeconds(2), ct);
            }
            catch (TimeoutException)
            {
                continue; // lost: counted by the shortfall of samples
            }

            if (i >= warmup)
            {
                recorder.Record(arrived - started);
            }
        }

        await pinger.DisconnectAsync(cancellationToken: CancellationToken.None);
        await echo.DisconnectAsync(cancellationToken: CancellationToken.None);
        return recorder.Summarize();
    }
}

/// <summary>Options for plain MQTTnet clients (MQTT 5, clean start, Nagle off like HallMqttClient).</summary>
internal static class MqttClients
{
    public static MqttClientOptions Options(int port, string clientId, MqttLogin login, TimeSpan? keepAlive = null)
    {
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId(clientId)
            .WithCredentials(login.Username, login.Password)
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
            .WithCleanStart(true)
            .WithKeepAlivePeriod(keepAlive ?? TimeSpan.FromSeconds(30))
            .WithTimeout(TimeSpan.FromSeconds(10))
            .Build();
        if (options.ChannelOptions is MqttClientTcpOptions tcp)
        {
            tcp.NoDelay = true;
        }

        return options;
    }
}
