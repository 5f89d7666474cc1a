using System.Diagnostics;
using System.Text;
using HallDevices.Messaging.Tests.Infrastructure;

namespace HallDevices.Messaging.Tests;

/// <summary>
/// Every behaviour the apps rely on, against both the embedded MQTTnet broker and a real Mosquitto.
/// Each test owns its broker (free port, temp dir), so tests run in any order and in parallel.
/// </summary>
public sealed class BrokerIntegrationTests
{
    public static TheoryData<string> Brokers => new() { TestBroker.Embedded, TestBroker.Mosquitto };

    private sealed record Ping(string RequestId, string Text);

    private sealed record Pong(bool Ok, string RequestId, string Echo, string Via);

    /// <summary>A responder that answers every ping through the library's server-side helper.</summary>
    private static Task<IAsyncDisposable> RespondAsync(HallMqttClient server, string topic, List<MqttIncomingMessage>? seen = null) =>
        server.SubscribeAsync(topic, async (request, ct) =>
        {
            lock (seen ?? [])
            {
                seen?.Add(request);
            }

            var ping = request.Deserialize<Ping>()!;
            var via = request.ResponseTopic is not null ? "response-topic" : "reply-to";
            await server.ReplyJsonAsync(request, new Pong(true, ping.RequestId, ping.Text.ToUpperInvariant(), via), ct);
        });

    [Theory]
    [MemberData(nameof(Brokers))]
    public async Task Request_reply_over_mqtt5_uses_response_topic_and_correlation_data(string kind)
    {
        await using var broker = await TestBroker.StartAsync(kind);
        await using var server = await Clients.ConnectedAsync(broker.Port, "5");
        await using var kiosk = await Clients.ConnectedAsync(broker.Port, "5");
        var seen = new List<MqttIncomingMessage>();
        await RespondAsync(server, "hall/h1/req/ping", seen);

        var reply = await kiosk.RequestJsonAsync<Ping, Pong>("hall/h1/req/ping", new Ping("r-1", "hello"));

        Assert.Equal(new Pong(true, "r-1", "HELLO", "response-topic"), reply);
        var request = Assert.Single(seen);
        Assert.StartsWith($"reply/{kiosk.ClientId}/", request.ResponseTopic, StringComparison.Ordinal);
        Assert.NotNull(request.CorrelationData);
        Assert.Null(request.PayloadReplyTo);
        Assert.Contains("\"requestId\":\"r-1\"", request.PayloadAsString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Brokers))]
    public async Task Request_reply_over_mqtt311_puts_replyTo_in_the_payload(string kind)
    {
        await using var broker = await TestBroker.StartAsync(kind);
        await using var server311 = await Clients.ConnectedAsync(broker.Port, "3.1.1");
        await using var kiosk311 = await Clients.ConnectedAsync(broker.Port, "3.1.1");
        var seen = new List<MqttIncomingMessage>();
        await RespondAsync(server311, "hall/h1/req/ping", seen);

        // Several in flight at once: each reply must find its own request.
        var replies = await Task.WhenAll(Enumerable.Range(0, 5).Select(i =>
            kiosk311.RequestJsonAsync<Ping, Pong>("hall/h1/req/ping", new Ping($"r-{i}", $"m{i}"))));

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(new Pong(true, $"r-{i}", $"M{i}", "reply-to"), replies[i]);
        }

        Assert.All(seen, m =>
        {
            Assert.Null(m.ResponseTopic);
            Assert.StartsWith($"reply/{kiosk311.ClientId}/", m.PayloadReplyTo, StringComparison.Ordinal);
        });
    }

    [Theory]
    [MemberData(nameof(Brokers))]
    public async Task A_311_client_is_answered_by_an_mqtt5_server(string kind)
    {
        await using var broker = await TestBroker.StartAsync(kind);
        await using var server = await Clients.ConnectedAsync(broker.Port, "5");
        await using var kiosk311 = await Clients.ConnectedAsync(broker.Port, "3.1.1");
        await RespondAsync(server, "hall/h1/req/ping");

        var reply = await kiosk311.RequestJsonAsync<Ping, Pong>("hall/h1/req/ping", new Ping("r-9", "mixed"));

        Assert.Equal("MIXED", reply.Echo);
        Assert.Equal("reply-to", reply.Via);
    }

    [Theory]
    [MemberData(nameof(Brokers))]
    public async Task Request_times_out_when_nobody_answers(string kind)
    {
        await using var broker = await TestBroker.StartAsync(kind);
        await using var kiosk = await Clients.ConnectedAsync(broker.Port);
        var clock = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<MqttRequestTimeoutException>(() =>
            kiosk.RequestJsonAsync<Ping, Pong>("hall/h1/req/nobody", new Ping("r-1", "anyone?"), TimeSpan.FromMilliseconds(300)));

        Assert.IsAssignableFrom<TimeoutException>(ex);
        Assert.Equal("hall/h1/req/nobody", ex.Topic);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(3));
    }

    [Theory]
    [MemberData(nameof(Brokers))]
    public async Task Reconnects_and_resubscribes_after_the_broker_restarts_on_the_same_port(string kind)
    {
        await using var broker = await TestBroker.StartAsync(kind);
        await using var display = await Clients.ConnectedAsync(broker.Port);
        await using var server = await Clients.ConnectedAsync(broker.Port);
        var probe = new Probe();
        await display.SubscribeAsync("hall/h1/events/#", probe.Handler);
        await RespondAsync(server, "hall/h1/req/ping");
        var states = new List<MqttConnectionState>();
        display.StateChanged += (_, e) => { lock (states) { states.Add(e.Current); } };

        await server.PublishJsonAsync("hall/h1/events/ticket-issued", new { seq = 1 });
        Assert.Contains("\"seq\":1", (await probe.NextAsync()).PayloadAsString(), StringComparison.Ordinal);

        await broker.StopAsync();
        await WaitForAsync(() => !display.IsConnected && !server.IsConnected);

        // Published while the broker is down: waits for the reconnection instead of being lost.
        var publishedWhileDown = server.PublishJsonAsync("hall/h1/events/ticket-called", new { seq = 2 });
        await Task.Delay(200);
        Assert.False(publishedWhileDown.IsCompleted);

        await broker.StartAsync();
        await display.WaitUntilConnectedAsync(Clients.Wait);
        await server.WaitUntilConnectedAsync(Clients.Wait);
        await publishedWhileDown;

        // Either the display resubscribed before the held publish went out (then it gets seq 2), or
        // not; what must hold is that fresh messages flow to the resubscribed handler.
        await server.PublishJsonAsync("hall/h1/events/ticket-finished", new { seq = 3 });
        MqttIncomingMessage next;
        do
        {
            next = await probe.NextAsync();
        }
        while (!next.PayloadAsString().Contains("\"seq\":3", StringComparison.Ordinal));

        // And request/reply works again in both directions (the reply subscription came back too).
        await using var kiosk = await Clients.ConnectedAsync(broker.Port);
        Assert.Equal("AGAIN", (await kiosk.RequestJsonAsync<Ping, Pong>("hall/h1/req/ping", new Ping("r-2", "again"))).Echo);
        lock (states)
        {
            Assert.Contains(MqttConnectionState.Reconnecting, states);
            Assert.Equal(MqttConnectionState.Connected, states[^1]);
        }
    }

    [Theory]
    [MemberData(nameof(Brokers))]
    public async Task Requests_keep_working_for_a_requester_that_reconnected(string kind)
    {
        await using var broker = await TestBroker.StartAsync(kind);
        await using var kiosk = await Clients.ConnectedAsync(broker.Port);
        await kiosk.RequestAsync("hall/h1/req/warmup", "{}"u8.ToArray(), TimeSpan.FromMilliseconds(100))
            .ContinueWith(_ => { }, TaskScheduler.Default); // subscribes the reply filter; nobody answers

        await broker.StopAsync();
        await WaitForAsync(() => !kiosk.IsConnected);
        await broker.StartAsync();
        await using var server = await Clients.ConnectedAsync(broker.Port);
        await RespondAsync(server, "hall/h1/req/ping");
        await kiosk.WaitUntilConnectedAsync(Clients.Wait);

        Assert.Equal("BACK", (await kiosk.RequestJsonAsync<Ping, Pong>("hall/h1/req/ping", new Ping("r-3", "back"))).Echo);
    }

    [Theory]
    [MemberData(nameof(Brokers))]
    public async Task Last_will_is_published_when_the_connection_dies_but_not_on_a_clean_stop(string kind)
    {
        await using var broker = await TestBroker.StartAsync(kind);
        using var proxy = new TcpProxy(broker.Port);
        await using var watcher = await Clients.ConnectedAsync(broker.Port);
        var probe = new Probe();
        await watcher.SubscribeAsync("hall/h1/devices/+/status", probe.Handler);

        void Will(MqttConnectionOptions o, string device)
        {
            o.WillTopic = $"hall/h1/devices/{device}/status";
            o.WillPayload = """{"online":false}""";
            o.WillRetain = true;
        }

        await using var kiosk = await Clients.ConnectedAsync(proxy.Port, configure: o => Will(o, "kiosk-1"));
        await using (var tidy = await Clients.ConnectedAsync(broker.Port, configure: o => Will(o, "kiosk-2")))
        {
            await tidy.StopAsync(CancellationToken.None);
        }

        proxy.AbortAll();

        var will = await probe.NextAsync();
        Assert.Equal("hall/h1/devices/kiosk-1/status", will.Topic);
        Assert.Equal("""{"online":false}""", will.PayloadAsString());

        // The will is retained: a display that starts later still learns the kiosk is offline.
        await using var late = await Clients.ConnectedAsync(broker.Port);
        var lateProbe = new Probe();
        await late.SubscribeAsync("hall/h1/devices/kiosk-1/status", lateProbe.Handler);
        var retained = await lateProbe.NextAsync();
        Assert.True(retained.Retain);
        Assert.Equal("""{"online":false}""", retained.PayloadAsString());

        // kiosk-2 stopped cleanly: no will for it.
        await Task.Delay(300);
        while (probe.TryTake(out var other))
        {
            Assert.NotEqual("hall/h1/devices/kiosk-2/status", other!.Topic);
        }

        // The killed client comes back by itself.
        await kiosk.WaitUntilConnectedAsync(Clients.Wait);
    }

    [Theory]
    [MemberData(nameof(Brokers))]
    public async Task Retained_publish_is_seen_by_a_late_subscriber_and_can_be_cleared(string kind)
    {
        await using var broker = await TestBroker.StartAsync(kind);
        await using var server = await Clients.ConnectedAsync(broker.Port);
        await server.PublishJsonAsync("hall/h1/board", new { calls = new[] { new { ticket = "A001", counterId = "3" } } }, retain: true);

        await using var display = await Clients.ConnectedAsync(broker.Port, "3.1.1");
        var probe = new Probe();
        await display.SubscribeAsync("hall/h1/board", probe.Handler);
        var board = await probe.NextAsync();
        Assert.True(board.Retain);
        Assert.Equal("""{"calls":[{"ticket":"A001","counterId":"3"}]}""", board.PayloadAsString());

        await server.ClearRetainedAsync("hall/h1/board");
        await using var later = await Clients.ConnectedAsync(broker.Port);
        var none = new Probe();
        await later.SubscribeAsync("hall/h1/board", none.Handler);
        await Task.Delay(300);
        Assert.False(none.TryTake(out _));
    }

    [Theory]
    [MemberData(nameof(Brokers))]
    public async Task A_handler_may_make_a_request_and_a_failing_handler_does_not_stop_later_messages(string kind)
    {
        await using var broker = await TestBroker.StartAsync(kind);
        await using var server = await Clients.ConnectedAsync(broker.Port);
        await using var display = await Clients.ConnectedAsync(broker.Port);
        await RespondAsync(server, "hall/h1/req/ping");
        var probe = new Probe();
        await display.SubscribeAsync("hall/h1/events/#", async (m, ct) =>
        {
            if (m.Topic.EndsWith("boom", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("handler bug");
            }

            // A request from inside a handler: the reply bypasses the handler queue, so no deadlock.
            var pong = await display.RequestJsonAsync<Ping, Pong>("hall/h1/req/ping", new Ping("in-handler", m.PayloadAsString()), cancellationToken: ct);
            await probe.Handler(new MqttIncomingMessage(m.Topic, Encoding.UTF8.GetBytes(pong.Echo)), ct);
        });

        await server.PublishAsync("hall/h1/events/boom", "x"u8.ToArray());
        await server.PublishAsync("hall/h1/events/ok", "abc"u8.ToArray());

        Assert.Equal("ABC", (await probe.NextAsync()).PayloadAsString());
    }

    [Theory]
    [MemberData(nameof(Brokers))]
    public async Task Reply_helper_refuses_reply_topics_outside_the_reply_prefix(string kind)
    {
        await using var broker = await TestBroker.StartAsync(kind);
        await using var server = await Clients.ConnectedAsync(broker.Port);
        await using var attacker = await Clients.ConnectedAsync(broker.Port, "3.1.1");
        var board = new Probe();
        await attacker.SubscribeAsync("hall/h1/board", board.Handler);
        var answered = new TaskCompletionSource<bool>();
        await server.SubscribeAsync("hall/h1/req/ping", async (m, ct) => answered.TrySetResult(await server.ReplyAsync(m, "{\"ok\":true}"u8.ToArray(), ct)));

        await attacker.PublishAsync("hall/h1/req/ping", """{"requestId":"x","replyTo":"hall/h1/board"}"""u8.ToArray());

        Assert.False(await answered.Task.WaitAsync(Clients.Wait));
        await Task.Delay(200);
        Assert.False(board.TryTake(out _));
    }

    [Theory]
    [MemberData(nameof(Brokers))]
    public async Task Unsubscribed_handlers_receive_nothing_more(string kind)
    {
        await using var broker = await TestBroker.StartAsync(kind);
        await using var client = await Clients.ConnectedAsync(broker.Port);
        var first = new Probe();
        var second = new Probe();
        var subscription = await client.SubscribeAsync("hall/h1/events/+", first.Handler);
        await client.SubscribeAsync("hall/h1/events/+", second.Handler);

        await client.PublishAsync("hall/h1/events/a", "1"u8.ToArray());
        await first.NextAsync();
        await second.NextAsync();

        await subscription.DisposeAsync();
        await client.PublishAsync("hall/h1/events/a", "2"u8.ToArray());
        Assert.Equal("2", (await second.NextAsync()).PayloadAsString());
        Assert.False(first.TryTake(out _));
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < Clients.Wait, "condition not reached in time");
            await Task.Delay(20);
        }
    }
}
