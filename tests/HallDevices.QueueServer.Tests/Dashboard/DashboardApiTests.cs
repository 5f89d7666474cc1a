using System.Net;
using System.Text;
using System.Text.Json;
using HallDevices.Contracts;
using HallDevices.Messaging;
using HallDevices.QueueServer.Tests.Mqtt;
using HallDevices.Testing;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace HallDevices.QueueServer.Tests.Dashboard;

/// <summary>
/// Device statuses published by the sample accounts on a real server's embedded broker, read back
/// from <c>GET /api/halls/{hallId}/devices</c> and <c>/alerts</c>. Each test uses its own device ids,
/// and clears what it published, so the tests sharing the server do not see each other's devices.
/// </summary>
public sealed class DashboardApiTests(EmbeddedServerFixture fixture) : IClassFixture<EmbeddedServerFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    // The district viewer reads every hall's dashboard, so an unknown hall is a 404, not a 403.
    private HttpClient _http = null!;

    private int Port => fixture.Server.MqttPort;

    public async Task InitializeAsync() => _http = await StaffSessions.SignInAsync(fixture.Server.BaseUri, StaffSessions.DistrictViewer);

    public Task DisposeAsync()
    {
        _http.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_retained_paper_out_status_of_kiosk_01_shows_in_devices_and_as_a_critical_alert()
    {
        await using var kiosk = await HallDevices.Testing.Mqtt.ConnectAsync(Port, Sample.Kiosk);
        await kiosk.PublishDeviceStatusAsync(Sample.Hall, "kiosk-01", new DeviceStatus(true, HealthStates.PaperOut, null));
        try
        {
            var device = await WaitForDeviceAsync("kiosk-01", d => d.GetProperty("health").GetString() == HealthStates.PaperOut);
            Assert.Equal("kiosk", device.GetProperty("kind").GetString());
            Assert.True(device.GetProperty("online").GetBoolean());
            Assert.Equal(JsonValueKind.Null, device.GetProperty("detail").ValueKind);
            Assert.Equal(TimeSpan.FromHours(8), device.GetProperty("since").GetDateTimeOffset().Offset);
            Assert.True(device.TryGetProperty("updatedAt", out _));

            var alert = await WaitForAlertAsync("kiosk-01", a => a.GetProperty("kind").GetString() == "paper-out");
            Assert.Equal("critical", alert.GetProperty("severity").GetString());
            Assert.Equal("device", alert.GetProperty("subject").GetString());
            Assert.Equal("自助取号机 kiosk-01 缺纸", alert.GetProperty("textZh").GetString());
            Assert.Equal("Kiosk kiosk-01 is out of paper", alert.GetProperty("textEn").GetString());
            Assert.Equal(device.GetProperty("since").GetDateTimeOffset(), alert.GetProperty("since").GetDateTimeOffset());
        }
        finally
        {
            await kiosk.ClearRetainedAsync(Topics.DeviceStatus(Sample.Hall, "kiosk-01"));
        }

        await WaitForDevicesAsync(devices => devices.All(d => d.GetProperty("deviceId").GetString() != "kiosk-01"));
    }

    [Fact]
    public async Task A_kiosk_whose_connection_dies_shows_offline_by_its_last_will_and_as_an_alert()
    {
        var topic = Topics.DeviceStatus(Sample.Hall, "kiosk-02");
        var (user, password) = ("kiosk-02", "sample-kiosk-02");
        var kiosk = new MqttClientFactory().CreateMqttClient();
        try
        {
            // The kiosk app's own will (DeviceStatusExtensions.UseDeviceStatusWill), on a raw client
            // that can die without saying goodbye.
            await kiosk.ConnectAsync(new MqttClientOptionsBuilder()
                .WithTcpServer("127.0.0.1", Port)
                .WithClientId($"kiosk-02-{Guid.NewGuid():N}"[..24])
                .WithCredentials(user, password)
                .WithProtocolVersion(MqttProtocolVersion.V500)
                .WithWillTopic(topic)
                .WithWillPayload(ContractJson.SerializeToUtf8Bytes(new DeviceStatus(false, HealthStates.Error, "connection lost")))
                .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .WithWillRetain()
                .Build());
            await kiosk.PublishAsync(new MqttApplicationMessageBuilder()
                .WithTopic(topic)
                .WithPayload(ContractJson.SerializeToUtf8Bytes(new DeviceStatus(true, HealthStates.Ok, null)))
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .WithRetainFlag()
                .Build());
            await WaitForDeviceAsync("kiosk-02", d => d.GetProperty("online").GetBoolean());
            Assert.DoesNotContain(await GetArrayAsync("alerts"), a => a.GetProperty("subjectId").GetString() == "kiosk-02");
        }
        finally
        {
            // Disposed without DISCONNECT: to the broker the connection just died.
            kiosk.Dispose();
        }

        try
        {
            var device = await WaitForDeviceAsync("kiosk-02", d => !d.GetProperty("online").GetBoolean());
            Assert.Equal("connection lost", device.GetProperty("detail").GetString());
            var alert = await WaitForAlertAsync("kiosk-02", a => a.GetProperty("kind").GetString() == "device-offline");
            Assert.Equal("critical", alert.GetProperty("severity").GetString());
            Assert.Equal("自助取号机 kiosk-02 离线：connection lost", alert.GetProperty("textZh").GetString());
        }
        finally
        {
            await using var display = await HallDevices.Testing.Mqtt.ConnectAsync(Port, Sample.Display);
            await display.ClearRetainedAsync(topic);
        }
    }

    [Fact]
    public async Task A_malformed_status_is_logged_and_ignored_and_the_server_keeps_serving()
    {
        // The display account may publish any device status of its hall (it speaks for the bus devices).
        await using var display = await HallDevices.Testing.Mqtt.ConnectAsync(Port, Sample.Display);
        var good = Topics.DeviceStatus(Sample.Hall, "keypad-w7");
        var bad = Topics.DeviceStatus(Sample.Hall, "evaluator-w7");
        var after = Topics.DeviceStatus(Sample.Hall, "led-w7");
        try
        {
            await display.PublishDeviceStatusAsync(Sample.Hall, "keypad-w7", new DeviceStatus(true, HealthStates.Error, "no answer"));
            await WaitForDeviceAsync("keypad-w7", _ => true);

            await display.PublishAsync(good, Encoding.UTF8.GetBytes("{\"online\":tru"), retain: true);
            await display.PublishAsync(bad, Encoding.UTF8.GetBytes("[\"not\",\"a\",\"status\"]"), retain: true);
            await display.PublishDeviceStatusAsync(Sample.Hall, "led-w7", new DeviceStatus(true, HealthStates.Ok, null));

            // The status sent after the malformed ones arrived, so they were read (in order) and ignored.
            await WaitForDeviceAsync("led-w7", _ => true);
            var devices = await GetArrayAsync("devices");
            Assert.DoesNotContain(devices, d => d.GetProperty("deviceId").GetString() == "evaluator-w7");
            var keypad = devices.Single(d => d.GetProperty("deviceId").GetString() == "keypad-w7");
            Assert.Equal((true, "error"), (keypad.GetProperty("online").GetBoolean(), keypad.GetProperty("health").GetString()));
            Assert.Contains(await GetArrayAsync("alerts"), a => a.GetProperty("subjectId").GetString() == "keypad-w7" && a.GetProperty("kind").GetString() == "device-error");

            Assert.Contains("Ignored a malformed status of device keypad-w7 in hall xinqiao", fixture.Server.Output, StringComparison.Ordinal);
            Assert.Contains("Ignored a malformed status of device evaluator-w7 in hall xinqiao", fixture.Server.Output, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode);
            await using var kiosk = await HallDevices.Testing.Mqtt.ConnectAsync(Port, Sample.Kiosk);
            var reply = await kiosk.RequestAsync("ticket", new { requestId = Guid.NewGuid().ToString("N"), serviceId = "consultation", channel = "kiosk" });
            Assert.Equal("ok", reply.Code());
        }
        finally
        {
            foreach (var topic in new[] { good, bad, after })
            {
                await display.ClearRetainedAsync(topic);
            }
        }
    }

    [Fact]
    public async Task Clearing_a_retained_status_removes_the_device_from_the_dashboard()
    {
        await using var display = await HallDevices.Testing.Mqtt.ConnectAsync(Port, Sample.Display);
        await display.PublishDeviceStatusAsync(Sample.Hall, "led-w8", new DeviceStatus(false, HealthStates.Error, "no answer"));
        await WaitForAlertAsync("led-w8", a => a.GetProperty("kind").GetString() == "device-offline");

        await display.ClearRetainedAsync(Topics.DeviceStatus(Sample.Hall, "led-w8"));

        await WaitForDevicesAsync(devices => devices.All(d => d.GetProperty("deviceId").GetString() != "led-w8"));
        Assert.DoesNotContain(await GetArrayAsync("alerts"), a => a.GetProperty("subjectId").GetString() == "led-w8");
    }

    [Theory]
    [InlineData("devices")]
    [InlineData("alerts")]
    public async Task An_unknown_hall_is_404_with_the_unknown_hall_error_of_the_http_api(string what)
    {
        var response = await _http.GetAsync(new Uri($"/api/halls/no-such-hall/{what}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("unknown-hall", body.Code());
    }

    private async Task<List<JsonElement>> GetArrayAsync(string what)
    {
        var text = await _http.GetStringAsync(new Uri($"/api/halls/{Sample.Hall}/{what}", UriKind.Relative));
        return JsonDocument.Parse(text).RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
    }

    private async Task<JsonElement> WaitForDeviceAsync(string deviceId, Func<JsonElement, bool> match) =>
        (await WaitForDevicesAsync(devices => devices.Any(d => d.GetProperty("deviceId").GetString() == deviceId && match(d))))
            .First(d => d.GetProperty("deviceId").GetString() == deviceId && match(d));

    private Task<List<JsonElement>> WaitForDevicesAsync(Func<List<JsonElement>, bool> match) => PollAsync("devices", match);

    private async Task<JsonElement> WaitForAlertAsync(string subjectId, Func<JsonElement, bool> match) =>
        (await PollAsync("alerts", alerts => alerts.Any(a => a.GetProperty("subjectId").GetString() == subjectId && match(a))))
            .First(a => a.GetProperty("subjectId").GetString() == subjectId && match(a));

    /// <summary>The list once it matches: the status travels device → broker → server on its own time.</summary>
    private async Task<List<JsonElement>> PollAsync(string what, Func<List<JsonElement>, bool> match)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (true)
        {
            var list = await GetArrayAsync(what);
            if (match(list))
            {
                return list;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"GET {what} never matched within {Wait.TotalSeconds} s; last: {JsonSerializer.Serialize(list)}\n--- server:\n{fixture.Server.Output}");
            }

            await Task.Delay(50);
        }
    }
}
