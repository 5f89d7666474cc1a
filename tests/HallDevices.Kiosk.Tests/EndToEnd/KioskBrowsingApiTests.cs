using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HallDevices.Testing;

namespace HallDevices.Kiosk.Tests.EndToEnd;

/// <summary>The touch UI's new endpoints against the real kiosk process: search, the guide screen, elderly mode, QR codes, and bad input.</summary>
[Collection("kiosk hall")]
public class KioskBrowsingApiTests(KioskHall hall)
{
    private HttpClient Http => hall.Http;

    private Task<HttpResponseMessage> PostRawAsync(string path, string? json) =>
        Http.PostAsync(new Uri(path, UriKind.Relative), json is null ? null : new StringContent(json, Encoding.UTF8, "application/json"));

    [Fact]
    public async Task Search_answers_the_query_with_ranked_service_ids_from_the_catalogue()
    {
        var found = await Http.GetFromJsonAsync<JsonElement>("/api/search?q=" + Uri.EscapeDataString("社会保障卡"));

        Assert.Equal("社会保障卡", found.GetProperty("query").GetString());
        var ids = found.GetProperty("services").EnumerateArray().Select(s => s.GetString()!).ToList();
        Assert.Equal("social-card", ids[0]); // 社会保障卡申领, first in the hall file of the names starting with it
        Assert.Equal(SampleHall.Town.Services.Where(s => s.Name.StartsWith("社会保障卡", StringComparison.Ordinal)).Select(s => s.Id).Order(), ids.Order());
    }

    [Fact]
    public async Task Search_without_a_query_finds_nothing_and_never_lists_more_than_fifty()
    {
        var empty = await Http.GetFromJsonAsync<JsonElement>("/api/search");
        Assert.Equal(("", 0), (empty.GetProperty("query").GetString(), empty.GetProperty("services").GetArrayLength()));

        // "s" starts dozens of the town's 127 names' initials.
        var many = await Http.GetFromJsonAsync<JsonElement>("/api/search?q=s");
        Assert.Equal(50, many.GetProperty("services").GetArrayLength());
    }

    [Fact]
    public async Task The_guide_screen_opens_for_a_service_in_the_catalogue_and_carries_its_guide()
    {
        await hall.BackToStartAsync();

        (await Http.PostAsJsonAsync("/api/guide", new { serviceId = "social-card" })).EnsureSuccessStatusCode();

        var state = await hall.WaitForScreenAsync("guide");
        Assert.Equal("social-card", state.GetProperty("view").GetProperty("guideServiceId").GetString());
        var guide = state.GetProperty("guide");
        Assert.Equal(SampleHall.Town.Service("social-card").Materials, guide.GetProperty("materials").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(SampleHall.Town.Service("social-card").OnlineUrl, guide.GetProperty("onlineUrl").GetString());

        (await PostRawAsync("/api/browse", null)).EnsureSuccessStatusCode();
        var back = await hall.WaitForScreenAsync("start");
        Assert.Equal(JsonValueKind.Null, back.GetProperty("guide").ValueKind);
    }

    [Theory]
    [InlineData("/api/guide", null, HttpStatusCode.BadRequest)]
    [InlineData("/api/guide", "{}", HttpStatusCode.BadRequest)]
    [InlineData("/api/guide", "{\"serviceId\":\"no-such-service\"}", HttpStatusCode.NotFound)]
    [InlineData("/api/guide", "{not json", HttpStatusCode.BadRequest)]
    [InlineData("/api/choose", null, HttpStatusCode.BadRequest)]
    [InlineData("/api/choose", "{\"serviceId\":\"no-such-service\"}", HttpStatusCode.NotFound)]
    [InlineData("/api/choose", "{\"serviceId\":\"consultation\",\"printGuide\":\"yes\"}", HttpStatusCode.BadRequest)]
    [InlineData("/api/elderly", null, HttpStatusCode.BadRequest)]
    [InlineData("/api/elderly", "{\"on\":\"maybe\"}", HttpStatusCode.BadRequest)]
    [InlineData("/api/elderly", "{}", HttpStatusCode.BadRequest)]
    public async Task Bad_input_gets_a_clear_client_error_and_changes_nothing(string path, string? body, HttpStatusCode expected)
    {
        await hall.BackToStartAsync();
        var before = (await hall.StateAsync()).GetProperty("view").GetProperty("version").GetInt64();

        using var response = await PostRawAsync(path, body);

        Assert.Equal(expected, response.StatusCode);
        var after = await hall.StateAsync();
        Assert.Equal(before, after.GetProperty("view").GetProperty("version").GetInt64());
        Assert.Equal("start", after.GetProperty("view").GetProperty("screen").GetString());
        if (expected == HttpStatusCode.NotFound)
        {
            Assert.Equal("unknown-service", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        }
    }

    [Fact]
    public async Task Elderly_mode_switches_on_and_off_and_is_forgotten_with_the_citizen()
    {
        await hall.BackToStartAsync();

        (await Http.PostAsJsonAsync("/api/elderly", new { on = true })).EnsureSuccessStatusCode();
        await hall.WaitForStateAsync(s => s.GetProperty("view").GetProperty("elderly").GetBoolean());
        (await Http.PostAsJsonAsync("/api/elderly", new { on = false })).EnsureSuccessStatusCode();
        await hall.WaitForStateAsync(s => !s.GetProperty("view").GetProperty("elderly").GetBoolean());
        (await Http.PostAsJsonAsync("/api/elderly", new { on = true })).EnsureSuccessStatusCode();

        await hall.BackToStartAsync();

        Assert.False((await hall.StateAsync()).GetProperty("view").GetProperty("elderly").GetBoolean());
    }

    [Fact]
    public async Task The_qr_endpoint_draws_a_png_that_decodes_to_the_text_and_refuses_a_missing_or_over_long_text()
    {
        const string url = "https://zwfw.example.gov.cn/item/social-card";
        using var png = await Http.GetAsync(new Uri("/api/qr?text=" + Uri.EscapeDataString(url), UriKind.Relative));
        png.EnsureSuccessStatusCode();
        Assert.Equal("image/png", png.Content.Headers.ContentType?.MediaType);
        var file = Path.Combine(TempDir.Create("kiosk-qr"), "qr.png");
        await File.WriteAllBytesAsync(file, await png.Content.ReadAsByteArrayAsync());
        Assert.Equal(url, QrCodes.DecodePng(file));
        Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);

        Assert.Equal(HttpStatusCode.BadRequest, (await Http.GetAsync(new Uri("/api/qr", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Http.GetAsync(new Uri("/api/qr?text=" + new string('a', 513), UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task A_touch_is_accepted_and_changes_nothing_on_screen()
    {
        await hall.BackToStartAsync();
        var before = (await hall.StateAsync()).GetProperty("view");

        (await PostRawAsync("/api/touch", null)).EnsureSuccessStatusCode();

        Assert.Equal(before.GetRawText(), (await hall.StateAsync()).GetProperty("view").GetRawText());
    }
}
