using System.Text;
using HallDevices.Messaging;
using HallDevices.Testing;

namespace HallDevices.QueueServer.Tests.Mqtt;

/// <summary>The ACL matrix enforced by the embedded broker of a running server.</summary>
public class EmbeddedAclEnforcementTests(EmbeddedServerFixture fixture) : IClassFixture<EmbeddedServerFixture>
{
    public static TheoryData<string> Cases => AclMatrix.Names(external: false);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_embedded_broker_enforces(string name)
    {
        var c = AclMatrix.Named(name);
        await using var client = await HallDevices.Testing.Mqtt.ConnectAsync(fixture.Server.MqttPort, c.Account);

        // The embedded broker answers a refusal explicitly: PUBACK or SUBACK "not authorized".
        var allowed = await Attempt(client, c);

        Assert.Equal(c.Allowed, allowed);
    }

    [Fact]
    public async Task A_wrong_password_or_no_account_cannot_connect()
    {
        await Assert.ThrowsAsync<TimeoutException>(() => HallDevices.Testing.Mqtt.ConnectAsync(fixture.Server.MqttPort, ("kiosk-01", "wrong")));
        await Assert.ThrowsAsync<TimeoutException>(() => HallDevices.Testing.Mqtt.ConnectAsync(fixture.Server.MqttPort, ("nobody", "x")));
    }

    internal static async Task<bool> Attempt(HallMqttClient client, AclMatrix.Case c)
    {
        try
        {
            if (c.Op == AclMatrix.Op.Publish)
            {
                await client.PublishAsync(c.Topic, Encoding.UTF8.GetBytes(c.Payload));
            }
            else
            {
                await client.SubscribeAsync(c.Topic, (_, _) => Task.CompletedTask);
            }

            return true;
        }
        catch (MqttOperationRejectedException)
        {
            return false;
        }
    }
}

/// <summary>A real Mosquitto with the shipped deploy/mosquitto config and ACL, the server in External mode.</summary>
public sealed class MosquittoFixture : IAsyncLifetime
{
    public Mosquitto Broker { get; private set; } = null!;

    public ServerProcess Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Broker = await Mosquitto.StartAsync();
        Server = await ServerProcess.StartAsync(settings: Broker.ServerSettings(), logLevel: "Information");
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Broker.DisposeAsync();
    }
}

public class MosquittoTests(MosquittoFixture fixture) : IClassFixture<MosquittoFixture>
{
    public static TheoryData<string> Cases => AclMatrix.Names(external: true);

    [Fact]
    public async Task The_server_answers_kiosks_and_keeps_retained_state_through_an_external_mosquitto()
    {
        await using var kiosk = await HallDevices.Testing.Mqtt.ConnectAsync(fixture.Broker.Port, Sample.Kiosk);
        await using var display = await HallDevices.Testing.Mqtt.ConnectAsync(fixture.Broker.Port, Sample.Display);
        var inbox = new Inbox();
        await display.SubscribeAsync("hall/xinqiao/#", inbox.Handler);

        var reply = await kiosk.RequestAsync("ticket", new { requestId = Guid.NewGuid().ToString("N"), serviceId = "consultation" });
        var login = await display.RequestAsync("counter", new { requestId = Guid.NewGuid().ToString("N"), counterId = "w5", action = "login", staffId = "li" });
        System.Text.Json.JsonElement called;
        do
        {
            // Other tests of this class may have queued tickets of their own before ours.
            called = await display.RequestAsync("counter", new { requestId = Guid.NewGuid().ToString("N"), counterId = "w5", action = "call-next" });
        }
        while (called.GetProperty("ticket").ValueKind == System.Text.Json.JsonValueKind.Object && called.Number() != reply.Number());

        Assert.Equal("ok", reply.Code());
        Assert.Equal("ok", login.Code());
        Assert.Equal(reply.Number(), called.Number());
        await inbox.WaitForAsync(m => m.Topic == "hall/xinqiao/catalog" && m.Retain);
        await inbox.WaitForAsync(m => m.Topic == "hall/xinqiao/events/ticket-called");
        await inbox.WaitForAsync(m => m.Topic == "hall/xinqiao/counters/w5/state" && Inbox.Json(m).GetProperty("status").GetString() == "serving");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_shipped_mosquitto_acl_enforces(string name)
    {
        var c = AclMatrix.Named(name);
        await using var client = await HallDevices.Testing.Mqtt.ConnectAsync(fixture.Broker.Port, c.Account);

        bool allowed;
        if (c.Op == AclMatrix.Op.Publish)
        {
            // Mosquitto 2 refuses a publish with PUBACK "not authorized" (MQTT 5).
            allowed = await EmbeddedAclEnforcementTests.Attempt(client, c);
        }
        else
        {
            // Mosquitto 2 grants every SUBACK and filters each delivery by the ACL: a forbidden
            // subscription is one that never receives what is published under it.
            var inbox = new Inbox();
            await client.SubscribeAsync(c.Topic, inbox.Handler);
            // A concrete topic under the filter: "hall/x/#" probes an event topic of that hall.
            var leaf = c.Topic == "#" || c.Topic.EndsWith("/events/#", StringComparison.Ordinal) ? "acl-probe" : "events/acl-probe";
            var probeTopic = c.Topic.Replace("+", "w1", StringComparison.Ordinal).Replace("#", leaf, StringComparison.Ordinal);
            await using var observer = await HallDevices.Testing.Mqtt.ConnectAsync(fixture.Broker.Port, Mosquitto.Observer);
            var marker = Guid.NewGuid().ToString("N");
            await observer.PublishAsync(probeTopic, Encoding.UTF8.GetBytes(marker));
            try
            {
                await inbox.WaitForAsync(m => m.PayloadAsString() == marker, TimeSpan.FromSeconds(c.Allowed ? 10 : 1));
                allowed = true;
            }
            catch (TimeoutException)
            {
                allowed = false;
            }
        }

        Assert.Equal(c.Allowed, allowed);
    }

    [Fact]
    public async Task A_display_reading_its_whole_hall_never_receives_a_kiosks_request()
    {
        await using var display = await HallDevices.Testing.Mqtt.ConnectAsync(fixture.Broker.Port, Sample.Display);
        await using var kiosk = await HallDevices.Testing.Mqtt.ConnectAsync(fixture.Broker.Port, Sample.Kiosk);
        var inbox = new Inbox();
        await display.SubscribeAsync("hall/xinqiao/#", inbox.Handler);

        await kiosk.RequestAsync("ticket", new { requestId = Guid.NewGuid().ToString("N"), serviceId = "pension-enrol", idNumber = "11010519491231002X" });
        await inbox.WaitForAsync(m => m.Topic == "hall/xinqiao/events/ticket-issued");

        Assert.DoesNotContain(inbox.Seen, m => m.Topic.Contains("/req/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Mosquitto_refuses_a_wrong_password()
    {
        await Assert.ThrowsAsync<TimeoutException>(() => HallDevices.Testing.Mqtt.ConnectAsync(fixture.Broker.Port, ("kiosk-01", "wrong")));
    }
}
