using System.Diagnostics;
using HallDevices.Messaging.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace HallDevices.Messaging.Tests;

public sealed class ClientWithoutBrokerTests
{
    [Fact]
    public async Task Publishing_while_no_broker_is_reachable_fails_clearly_after_the_publish_timeout()
    {
        await using var client = new HallMqttClient(Clients.Options(Ports.Free(), configure: o => o.PublishTimeout = TimeSpan.FromMilliseconds(300)));
        await client.StartAsync(CancellationToken.None);
        var clock = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<MqttDeliveryTimeoutException>(() => client.PublishJsonAsync("hall/h1/events/x", new { seq = 1 }));

        Assert.False(ex.WasConnected);
        Assert.Contains("not connected", ex.Message, StringComparison.Ordinal);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(3));
        Assert.Equal(MqttConnectionState.Reconnecting, client.State);
    }

    [Fact]
    public async Task A_request_while_no_broker_is_reachable_times_out_as_a_request()
    {
        await using var client = new HallMqttClient(Clients.Options(Ports.Free()));
        await client.StartAsync(CancellationToken.None);

        await Assert.ThrowsAsync<MqttRequestTimeoutException>(() => client.RequestAsync("hall/h1/req/ticket", "{}"u8.ToArray(), TimeSpan.FromMilliseconds(200)));
    }

    [Fact]
    public async Task Stop_ends_the_reconnect_loop()
    {
        var client = new HallMqttClient(Clients.Options(Ports.Free()));
        await client.StartAsync(CancellationToken.None);
        await Task.Delay(150);

        await client.StopAsync(CancellationToken.None);

        Assert.Equal(MqttConnectionState.Stopped, client.State);
        await client.DisposeAsync();
    }

    [Fact]
    public void Invalid_options_are_refused_at_construction()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => new HallMqttClient(new MqttConnectionOptions { ClientId = "kiosk/1", Port = 0 }));

        Assert.Contains(ex.Failures, f => f.Contains("ClientId", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("Port", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Wildcards_are_refused_in_publish_topics()
    {
        await using var client = new HallMqttClient(Clients.Options(Ports.Free()));

        await Assert.ThrowsAsync<ArgumentException>(() => client.PublishAsync("hall/+/board", ReadOnlyMemory<byte>.Empty));
    }

    [Fact]
    public void A_generated_client_id_is_unique_and_topic_safe()
    {
        var a = new HallMqttClient(new MqttConnectionOptions());
        var b = new HallMqttClient(new MqttConnectionOptions());

        Assert.NotEqual(a.ClientId, b.ClientId);
        Assert.Equal($"reply/{a.ClientId}/#", a.ReplyTopicFilter);
        Assert.DoesNotContain('/', a.ClientId);
    }
}
