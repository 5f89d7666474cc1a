using System.Text;
using HallDevices.Contracts;
using HallDevices.Hosting;
using HallDevices.Messaging;
using HallDevices.QueueServer.Devices;
using HallDevices.QueueServer.Halls;
using HallDevices.QueueServer.Mqtt;
using HallDevices.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HallDevices.QueueServer.Tests.Dashboard;

/// <summary>
/// <see cref="DeviceHealthListener"/>'s handling of status messages as the MQTT client hands them
/// over, over the real sample hall (no broker: that path is <see cref="DashboardApiTests"/>).
/// </summary>
public sealed class DeviceHealthListenerTests : IAsyncDisposable
{
    private const string Hall = "xinqiao";
    private readonly string _dir = TempDir.Create("devicehealth");
    private readonly HallRegistry _registry;
    private readonly HallMqttClient _mqtt = new(new MqttConnectionOptions { Host = "127.0.0.1", ClientId = "queue-server-test" });
    private readonly DeviceHealthBook _book;
    private readonly DeviceHealthListener _listener;

    public DeviceHealthListenerTests()
    {
        var clock = new HallClock(Options.Create(new ClockOptions()), new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.FromHours(8))));
        _registry = SampleRegistry.Create(_dir, clock);
        _book = new DeviceHealthBook(clock, NullLogger<DeviceHealthBook>.Instance);
        _listener = new DeviceHealthListener(_registry, _book, _mqtt, Options.Create(new BrokerOptions { MaxPayloadBytes = 1024 }), NullLogger<DeviceHealthListener>.Instance);
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Dispose();
        await _mqtt.DisposeAsync();
        _registry.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task A_status_message_is_recorded_under_its_hall_and_device()
    {
        await Deliver("kiosk-01", """{"online":true,"health":"paper-low","detail":"paper near end"}""");

        var d = Assert.Single(_book.For(Hall));
        Assert.Equal(("kiosk-01", true, HealthStates.PaperLow, "paper near end"), (d.DeviceId, d.Online, d.Health, d.Detail));
    }

    [Fact]
    public async Task A_bare_last_will_is_recorded_as_offline_with_no_health()
    {
        await Deliver("kiosk-01", """{"online":false}""");

        var d = Assert.Single(_book.For(Hall));
        Assert.Equal((false, null, null), (d.Online, d.Health, d.Detail));
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[1,2,3]")]
    [InlineData("null")]
    [InlineData("\"ok\"")]
    [InlineData("{}")]
    [InlineData("""{"health":"paper-out"}""")]
    [InlineData("""{"online":"yes"}""")]
    [InlineData("""{"online":true,"health":5}""")]
    [InlineData("""{"online":true,"detail":{"nested":1}}""")]
    public async Task A_malformed_status_is_ignored_and_the_device_keeps_the_status_it_had(string payload)
    {
        await Deliver("kiosk-01", """{"online":true,"health":"paper-out","detail":null}""");
        await Deliver("kiosk-02", """{"online":true,"health":"ok","detail":null}""");

        await Deliver("kiosk-01", payload);
        await Deliver("keypad-w3", payload);

        Assert.Equal(
            [("kiosk-01", true, HealthStates.PaperOut), ("kiosk-02", true, HealthStates.Ok)],
            _book.For(Hall).Select(d => (d.DeviceId, d.Online, d.Health)));
    }

    [Fact]
    public async Task A_status_larger_than_the_payload_limit_is_ignored()
    {
        await Deliver("kiosk-01", $$"""{"online":true,"health":"ok","detail":"{{new string('x', 2000)}}"}""");

        Assert.Empty(_book.For(Hall));
    }

    [Fact]
    public async Task An_empty_retained_payload_forgets_the_device()
    {
        await Deliver("kiosk-01", """{"online":true,"health":"ok"}""");
        await Deliver("kiosk-02", """{"online":true,"health":"ok"}""");

        await Deliver("kiosk-01", "");

        Assert.Equal(["kiosk-02"], _book.For(Hall).Select(d => d.DeviceId));
    }

    [Theory]
    [InlineData("hall/dongcun/devices/kiosk-01/status")]
    [InlineData("hall/xinqiao/devices/kiosk-01/status/extra")]
    [InlineData("hall/xinqiao/devices//status")]
    [InlineData("hall/xinqiao/counters/w3/state")]
    public async Task A_message_on_another_hall_or_topic_is_not_recorded(string topic)
    {
        await _listener.HandleAsync(new MqttIncomingMessage(topic, Encoding.UTF8.GetBytes("""{"online":true,"health":"ok"}""")), CancellationToken.None);

        Assert.Empty(_book.For(Hall));
        Assert.Empty(_book.For("dongcun"));
    }

    private Task Deliver(string deviceId, string payload) =>
        _listener.HandleAsync(new MqttIncomingMessage(Topics.DeviceStatus(Hall, deviceId), Encoding.UTF8.GetBytes(payload), retain: true), CancellationToken.None);
}
