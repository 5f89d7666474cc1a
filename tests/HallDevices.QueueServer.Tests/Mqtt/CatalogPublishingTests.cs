using System.Net;
using System.Text;
using System.Text.Json;
using HallDevices.Messaging;
using HallDevices.Testing;

namespace HallDevices.QueueServer.Tests.Mqtt;

/// <summary>
/// The seed's catalogue as a real server publishes it: the retained catalogue with categories,
/// English names and pinyin initials, one retained guide per service, today's popular services on
/// the board, the same over HTTP, the guide on the tracking page, and the broker's message limit.
/// </summary>
public sealed class CatalogPublishingTests(EmbeddedServerFixture fixture) : IClassFixture<EmbeddedServerFixture>
{
    private static readonly JsonElement HallFile = JsonDocument.Parse(File.ReadAllText(Repo.SampleHallFile)).RootElement;

    private int Port => fixture.Server.MqttPort;

    [Fact]
    public async Task The_catalogue_lists_every_service_of_the_hall_file_with_its_category_english_name_and_initials()
    {
        await using var kiosk = await HallDevices.Testing.Mqtt.ConnectAsync(Port, Sample.Kiosk);
        var inbox = new Inbox();
        await kiosk.SubscribeAsync($"hall/{Sample.Hall}/catalog", inbox.Handler);

        var catalog = Inbox.Json(await inbox.WaitForAsync(m => m.Topic == $"hall/{Sample.Hall}/catalog"));

        var expected = HallFile.GetProperty("services").EnumerateArray()
            .Select(s => (Id: s.GetProperty("id").GetString(), Category: Optional(s, "category"), NameEn: Optional(s, "nameEn"))).ToList();
        var published = catalog.GetProperty("services").EnumerateArray()
            .Select(s => (Id: s.GetProperty("id").GetString(), Category: Optional(s, "categoryId"), NameEn: Optional(s, "nameEn"))).ToList();
        Assert.Equal(expected, published);
        Assert.All(catalog.GetProperty("services").EnumerateArray(), s => Assert.Matches("^([a-z0-9]|\\[[a-z]{2,}\\])+$", s.GetProperty("initials").GetString()));
        var categoryIds = catalog.GetProperty("categories").EnumerateArray().Select(c => c.GetProperty("id").GetString()).ToHashSet();
        Assert.All(published, s => Assert.Contains(s.Category, categoryIds));
    }

    [Fact]
    public async Task Every_service_has_a_retained_guide_with_the_hall_files_materials()
    {
        await using var kiosk = await HallDevices.Testing.Mqtt.ConnectAsync(Port, Sample.Kiosk);
        var inbox = new Inbox();
        await kiosk.SubscribeAsync($"hall/{Sample.Hall}/guides/+", inbox.Handler);

        foreach (var service in HallFile.GetProperty("services").EnumerateArray())
        {
            var id = service.GetProperty("id").GetString();
            var message = await inbox.WaitForAsync(m => m.Topic == $"hall/{Sample.Hall}/guides/{id}");
            Assert.True(message.Retain);
            var guide = Inbox.Json(message);
            Assert.Equal(id, guide.GetProperty("serviceId").GetString());
            var materials = service.TryGetProperty("guide", out var g) ? g.GetProperty("materials").EnumerateArray().Select(m => m.GetString()).ToList() : [];
            Assert.Equal(materials, guide.GetProperty("materials").EnumerateArray().Select(m => m.GetString()).ToList());
        }
    }

    [Fact]
    public async Task The_board_lists_todays_most_issued_services_most_first()
    {
        await using var kiosk = await HallDevices.Testing.Mqtt.ConnectAsync(Port, Sample.Kiosk);

        // Subscribed first, so a board composed after the last ticket arrives live, not only a retained one from before it.
        var inbox = new Inbox();
        await kiosk.SubscribeAsync($"hall/{Sample.Hall}/board", inbox.Handler);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("ok", (await kiosk.RequestAsync("ticket", new { requestId = Guid.NewGuid().ToString("N"), serviceId = "consultation" })).Code());
        }

        Assert.Equal("ok", (await kiosk.RequestAsync("ticket", new { requestId = Guid.NewGuid().ToString("N"), serviceId = "farm-subsidy" })).Code());

        var board = Inbox.Json(await inbox.WaitForAsync(m => m.Topic == $"hall/{Sample.Hall}/board"
            && Inbox.Json(m).GetProperty("popular").EnumerateArray().Any(p => p.GetProperty("serviceId").GetString() == "farm-subsidy")));

        var popular = board.GetProperty("popular").EnumerateArray().Select(p => (p.GetProperty("serviceId").GetString(), p.GetProperty("issued").GetInt32())).ToList();
        Assert.True(popular.IndexOf(("consultation", 3)) < popular.IndexOf(("farm-subsidy", 1)), string.Join(", ", popular));
        Assert.True(popular.Count <= 8);
    }

    [Fact]
    public async Task The_catalogue_and_a_guide_are_served_over_http_and_an_unknown_service_is_a_404()
    {
        using var http = new HttpClient { BaseAddress = fixture.Server.BaseUri };

        var catalog = JsonDocument.Parse(await http.GetStringAsync("/api/halls/xinqiao/services")).RootElement;
        Assert.Equal(HallFile.GetProperty("services").GetArrayLength(), catalog.GetProperty("services").GetArrayLength());
        var guide = JsonDocument.Parse(await http.GetStringAsync("/api/halls/xinqiao/services/social-card/guide")).RootElement;
        Assert.Equal("社会保障卡申领", guide.GetProperty("name").GetString());

        var unknown = await http.GetAsync(new Uri("/api/halls/xinqiao/services/no-such/guide", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("unknown-service", JsonDocument.Parse(await unknown.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("code").GetString());
        var otherHall = await http.GetAsync(new Uri("/api/halls/nowhere/services", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, otherHall.StatusCode);
    }

    [Fact]
    public async Task The_tracking_page_shows_the_guide_of_the_tickets_service_while_it_waits()
    {
        await using var kiosk = await HallDevices.Testing.Mqtt.ConnectAsync(Port, Sample.Kiosk);
        var reply = await kiosk.RequestAsync("ticket", new { requestId = Guid.NewGuid().ToString("N"), serviceId = "social-card", idNumber = "110105194912310021" });
        using var http = new HttpClient();
        var url = new Uri(reply.GetProperty("ticket").GetProperty("trackUrl").GetString()!);

        var page = await http.GetStringAsync(url);
        var english = await http.GetStringAsync(new Uri(url + (url.Query.Length > 0 ? "&" : "?") + "lang=en"));

        var service = HallFile.GetProperty("services").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "social-card");
        Assert.Contains("办事指南", page, StringComparison.Ordinal);
        Assert.Contains("<details class=\"guide\" data-testid=\"guide\" open>", page, StringComparison.Ordinal);
        foreach (var material in service.GetProperty("guide").GetProperty("materials").EnumerateArray())
        {
            Assert.Contains(WebUtility.HtmlEncode(material.GetString()!), page, StringComparison.Ordinal);
        }

        Assert.Contains("What to bring", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_broker_refuses_a_message_over_its_limit_and_passes_one_under_it()
    {
        await using var display = await HallDevices.Testing.Mqtt.ConnectAsync(Port, Sample.Display);
        var under = Encoding.UTF8.GetBytes("{\"online\":true,\"health\":\"ok\",\"detail\":\"" + new string('x', 60_000) + "\"}");
        var over = Encoding.UTF8.GetBytes("{\"online\":true,\"health\":\"ok\",\"detail\":\"" + new string('x', 70_000) + "\"}");

        await display.PublishAsync($"hall/{Sample.Hall}/devices/display-01/status", under);
        await Assert.ThrowsAsync<MqttOperationRejectedException>(() => display.PublishAsync($"hall/{Sample.Hall}/devices/display-01/status", over));
        await display.PublishAsync($"hall/{Sample.Hall}/devices/display-01/status", Encoding.UTF8.GetBytes("{\"online\":true,\"health\":\"ok\"}"));
    }

    private static string? Optional(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.GetString() : null;
}
