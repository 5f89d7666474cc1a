using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using HallDevices.Testing;
using HallDevices.Testing.Ui;
using Microsoft.Playwright;
using SkiaSharp;
using static Microsoft.Playwright.Assertions;

namespace HallDevices.Kiosk.Tests.EndToEnd;

/// <summary>
/// The kiosk's touch UI in a real headless Chromium with touch emulation, against the same real hall
/// as the API tests (queue-server, device-sim reader/scanner/printer on ptys, the kiosk process).
/// The page is tapped like a touchscreen; what it shows is checked against the server and the
/// emulated printer's receipts. Screenshots go to a temp folder per test, removed afterwards unless
/// HALL_KEEP_SCREENSHOTS is set.
/// </summary>
[Collection("kiosk hall")]
public sealed class KioskTouchUiTests(KioskHall hall, HeadlessChromium chromium) : IClassFixture<HeadlessChromium>, IAsyncLifetime
{
    private const int Width = 1280;
    private const int Height = 800;
    private const string StartHintZh = "请刷身份证、扫预约码或通行码，或直接选择事项";
    private const string StartHintEn = "Swipe your ID card, scan an appointment or pass code, or choose a service";
    private static readonly SKColor HallRed = new(0xb3, 0x15, 0x1b);

    private readonly string _shots = TempDir.Create("kiosk-ui");
    private BrowserPage _browser = null!;

    private IPage Page => _browser.Page;

    private ILocator Screen => Page.Locator("#screen");

    public async Task InitializeAsync()
    {
        // Every test starts where a citizen walks up: start screen, no card, Chinese.
        await hall.BackToStartAsync();
        (await hall.Http.PostAsJsonAsync("/api/language", new { language = "zh" })).EnsureSuccessStatusCode();
        _browser = await chromium.OpenAsync(hall.Kiosk.BaseUri, Width, Height, touch: true);
        await Expect(Screen).ToHaveAttributeAsync("data-screen", "start");
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        await hall.BackToStartAsync();
        (await hall.Http.PostAsJsonAsync("/api/language", new { language = "zh" })).EnsureSuccessStatusCode();
        if (Environment.GetEnvironmentVariable("HALL_KEEP_SCREENSHOTS") is null)
        {
            Directory.Delete(_shots, recursive: true);
        }
    }

    [Fact]
    public async Task The_start_screen_shows_todays_popular_then_the_frequent_services_and_every_category_and_both_follow_the_server()
    {
        var hallFile = SampleHall.Town;
        await using var board = await BoardAsync();
        await Expect(Page.Locator("#hall")).ToHaveTextAsync(hallFile.Name);
        await Expect(Screen.Locator(".hint")).ToHaveTextAsync(StartHintZh);
        await Expect(Screen.Locator("[data-testid=categories] button.tile")).ToHaveTextAsync(
            hallFile.Categories.Select(c => new Regex("^" + Regex.Escape(c.Name) + @"\d+ 项$")).ToArray());
        await Expect(Screen.Locator("[data-testid=common] button[data-service]")).ToHaveCountAsync(8);
        await AssertCommonAsync(board);

        // Tickets taken elsewhere (the mobile channel) make a service popular today: it moves up the row by itself.
        var rising = hallFile.Services.First(s => !s.NeedsIdCard && !Frequent.Contains(s.Id) && !board.Latest().Contains(s.Id, StringComparer.Ordinal)).Id;
        using var mobile = StaffSessions.Integrator(hall.Server.BaseUri); // the online platform's key
        for (var i = 0; i < 3; i++)
        {
            (await mobile.PostAsJsonAsync("/api/halls/xinqiao/tickets", new { serviceId = rising, channel = "mobile" })).EnsureSuccessStatusCode();
        }

        var popular = await board.WaitAsync(p => p.Contains(rising, StringComparer.Ordinal));
        await Expect(Screen.Locator($"[data-testid=common] button[data-service='{rising}']")).ToBeVisibleAsync();
        await AssertCommonAsync(board);
        Assert.Contains(rising, popular);
        _browser.AssertNoScriptErrors();
    }

    [Fact]
    public async Task A_list_shows_each_service_with_the_servers_waiting_count_and_needs_id_and_the_count_follows_the_server()
    {
        var hallFile = SampleHall.Town;
        var consultation = hallFile.Service("consultation");
        await Page.OpenListOfAsync(hallFile, consultation);
        var waiting = await ServerWaitingAsync();
        var inList = hallFile.In(consultation.Category);
        await Expect(Page.ListedServices()).ToHaveCountAsync(Math.Min(8, inList.Count));
        foreach (var service in inList.Take(8))
        {
            var button = Screen.Locator($"button[data-service='{service.Id}']");
            await Expect(button).ToContainTextAsync(service.Name);
            var queue = await ServiceQueueAsync(service.Id);
            await Expect(button.Locator("small")).ToHaveTextAsync($"等候 {waiting[queue]} 人" + (service.NeedsIdCard ? " · 需身份证" : ""));
        }

        // A ticket taken elsewhere (the mobile channel) raises the count on this screen by itself,
        // in place: the button under the citizen's finger is the same element afterwards.
        await Screen.Locator("button[data-service='consultation']").EvaluateAsync("b => { b.dataset.before = 'count'; }");
        var rural = await ServiceQueueAsync("consultation");
        using var mobile = StaffSessions.Integrator(hall.Server.BaseUri);
        (await mobile.PostAsJsonAsync("/api/halls/xinqiao/tickets", new { serviceId = "consultation", channel = "mobile" })).EnsureSuccessStatusCode();
        var after = await ServerWaitingAsync();
        Assert.Equal(waiting[rural] + 1, after[rural]);
        await Expect(Screen.Locator("button[data-service='consultation'] small")).ToHaveTextAsync($"等候 {after[rural]} 人");
        await Expect(Screen.Locator("button[data-service='consultation']")).ToHaveAttributeAsync("data-before", "count");
        _browser.AssertNoScriptErrors();
    }

    [Fact]
    public async Task The_page_is_chinese_by_default_and_the_language_button_switches_it_to_english_and_back()
    {
        var lang = Page.GetByTestId("lang");
        var move = SampleHall.Town.Service("household-move");
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Expect(Screen.Locator(".hint")).ToHaveTextAsync(StartHintZh);
        await Expect(lang).ToHaveTextAsync("English");
        await Page.OpenListOfAsync(SampleHall.Town, move);
        await Expect(Screen.Locator("button[data-service='household-move'] small")).ToHaveTextAsync(new Regex(@"^等候 \d+ 人 · 需身份证$"));

        await lang.TapAsync();

        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(lang).ToHaveTextAsync("中文");
        await Expect(Screen.Locator("button[data-service='household-move']")).ToContainTextAsync(move.NameEn!);
        await Expect(Screen.Locator("button[data-service='household-move'] small")).ToHaveTextAsync(new Regex(@"^\d+ waiting · ID card$"));
        await Page.BackAsync("category");
        await Page.BackAsync("start");
        await Expect(Screen.Locator(".hint")).ToHaveTextAsync(StartHintEn);

        await lang.TapAsync();

        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Expect(Screen.Locator(".hint")).ToHaveTextAsync(StartHintZh);
        await Expect(lang).ToHaveTextAsync("English");
        _browser.AssertNoScriptErrors();
    }

    [Fact]
    public async Task Swiping_a_card_and_tapping_a_service_shows_the_servers_number_and_the_printer_prints_it_with_a_qr_to_its_tracking_page()
    {
        await Expect(Screen.Locator(".hint")).ToHaveTextAsync(StartHintZh);
        var start = await _browser.ScreenshotAsync(Path.Combine(_shots, "start.png"));
        var next = hall.ReceiptCount + 1;

        await hall.Reader.SendAsync("card 11"); // a card of its own: daily limits count per person
        await Expect(Screen).ToHaveAttributeAsync("data-screen", "services");
        await Expect(Screen.Locator(".hint")).ToHaveTextAsync(new Regex(@"^您好，测\*+，请选择办理事项$"));
        await Page.OpenListOfAsync(SampleHall.Town, SampleHall.Town.Service("pension-enrol"));
        await Screen.Locator("button[data-service='pension-enrol']").TapAsync();
        await Expect(Screen).ToHaveAttributeAsync("data-screen", "guide");
        await Screen.Locator("[data-action='take']").TapAsync();

        await Expect(Screen).ToHaveAttributeAsync("data-screen", "ticket");
        var shown = (await Screen.Locator(".big").TextContentAsync())!;
        var onServer = await hall.ServerTicketAsync(shown);
        Assert.Equal("pension-enrol", onServer.GetProperty("serviceId").GetString());
        Assert.Equal("waiting", onServer.GetProperty("status").GetString());
        var issued = (await hall.StateAsync()).GetProperty("view").GetProperty("ticket");
        Assert.Equal(shown, issued.GetProperty("number").GetString());
        await Expect(Screen).ToContainTextAsync(onServer.GetProperty("serviceName").GetString()!);
        await Expect(Screen).ToContainTextAsync($"前面还有 {issued.GetProperty("waitingAhead").GetInt32()} 人，预计等待 {issued.GetProperty("estimatedWaitMinutes").GetInt32()} 分钟");
        await Expect(Screen).ToContainTextAsync("请取走您的小票");
        var ticket = await _browser.ScreenshotAsync(Path.Combine(_shots, "ticket.png"));

        var receipt = await hall.WaitForReceiptAsync(next);
        KioskHall.AssertTrackingQr(onServer, QrCodes.DecodePng(receipt));

        using (var startShot = SKBitmap.Decode(start))
        using (var ticketShot = SKBitmap.Decode(ticket))
        {
            AssertRendered(startShot);
            AssertRendered(ticketShot);

            // The ticket screen is a different picture: a huge red number in the middle.
            Assert.True(Differences(startShot, ticketShot) > Width * Height / 20, "the ticket screen looks like the start screen");
            var middle = SKRectI.Create(Width / 4, 80, Width / 2, 260);
            Assert.True(Count(ticketShot, middle, HallRed) > 2_000, "no big red ticket number in the middle of the ticket screen");
        }

        // Back: the citizen is forgotten.
        await Screen.Locator("[data-action='back']").TapAsync();
        await Expect(Screen).ToHaveAttributeAsync("data-screen", "start");
        await Expect(Screen.Locator(".hint")).ToHaveTextAsync(StartHintZh);
        _browser.AssertNoScriptErrors();
    }

    [Fact]
    public async Task Take_on_a_guide_that_needs_an_id_card_keeps_the_guide_says_so_above_the_buttons_and_the_card_swiped_then_gets_the_ticket()
    {
        var before = await ServerWaitingAsync();
        await Page.GetByTestId("elderly").TapAsync();
        await Page.OpenListOfAsync(SampleHall.Town, SampleHall.Town.Service("household-move"));
        await Page.PageToAsync("household-move");
        await Screen.Locator("button[data-service='household-move']").TapAsync();
        await Expect(Screen.GetByTestId("guide-facts")).ToContainTextAsync("需身份证");

        await Screen.Locator("[data-action='take']").TapAsync();

        // Refused, in plain words, on the guide itself: no number taken, elderly mode kept.
        var message = Screen.GetByTestId("guide-message");
        await Expect(message).ToHaveTextAsync("此事项需要身份证，请先在读卡区刷身份证");
        await Expect(message).ToHaveAttributeAsync("data-code", "id-required");
        await Expect(Screen).ToHaveAttributeAsync("data-screen", "guide");
        await Expect(Screen.GetByTestId("guide-name")).ToHaveTextAsync(SampleHall.Town.Service("household-move").Name);
        Assert.DoesNotContain("id-required", await Screen.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await ServerWaitingAsync());
        await _browser.ScreenshotAsync(Path.Combine(_shots, "guide-id-required.png"));

        // The card swiped now keeps the citizen on the same guide, and 取号 there issues the ticket.
        await hall.Reader.SendAsync("card 13");
        await hall.WaitForStateAsync(s => s.GetProperty("view").GetProperty("maskedId").ValueKind == JsonValueKind.String);
        await Expect(message).ToHaveCountAsync(0);
        await Expect(Screen).ToHaveAttributeAsync("data-screen", "guide");
        Assert.True((await hall.StateAsync()).GetProperty("view").GetProperty("elderly").GetBoolean());
        var next = hall.ReceiptCount + 1;
        await Screen.Locator("[data-action='take']").TapAsync();
        await Expect(Screen).ToHaveAttributeAsync("data-screen", "ticket");
        await hall.WaitForReceiptAsync(next);
        var number = (await Screen.Locator(".big").TextContentAsync())!;
        Assert.Equal("household-move", (await hall.ServerTicketAsync(number)).GetProperty("serviceId").GetString());
        _browser.AssertNoScriptErrors();
    }

    [Fact]
    public async Task Tapping_a_service_that_needs_an_id_card_outside_its_guide_shows_the_refusal_in_plain_words_and_takes_no_number()
    {
        var before = await ServerWaitingAsync();

        // Not from a guide (an API caller, a stale page): the message screen, 返回 to the start.
        await hall.ChooseAsync("household-move");

        await Expect(Screen).ToHaveAttributeAsync("data-screen", "message");
        var message = Screen.Locator("p.message");
        await Expect(message).ToHaveAttributeAsync("data-code", "id-required");
        await Expect(message).ToHaveTextAsync("此事项需要身份证，请先在读卡区刷身份证");
        Assert.Equal(before, await ServerWaitingAsync());

        await Screen.Locator("[data-action='back']").TapAsync();
        await Expect(Screen).ToHaveAttributeAsync("data-screen", "start");
        _browser.AssertNoScriptErrors();
    }

    private static readonly IReadOnlyList<string> Frequent = FrequentOf(Repo.SampleHallFile);

    private static IReadOnlyList<string> FrequentOf(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.GetProperty("frequent").EnumerateArray().Select(f => f.GetString()!).ToList();
    }

    /// <summary>常办事项 as the issue asks: today's most issued (the board's popular), then the hall file's frequent, 8 at most.</summary>
    private static List<string> ExpectedCommon(IReadOnlyList<string> popular) => popular.Concat(Frequent).Distinct().Take(8).ToList();

    /// <summary>The row shows what the latest board says (the page may be a push behind the broker for a moment).</summary>
    private async Task AssertCommonAsync(BoardWatch board)
    {
        var deadline = DateTime.UtcNow + HeadlessChromium.Patience;
        while (true)
        {
            var expected = ExpectedCommon(board.Latest());
            var shown = await CommonIdsAsync();
            if (expected.SequenceEqual(shown) || DateTime.UtcNow > deadline)
            {
                Assert.Equal(expected, shown);
                return;
            }

            await Task.Delay(100);
        }
    }

    private async Task<List<string>> CommonIdsAsync() =>
        [.. await Screen.Locator("[data-testid=common] button[data-service]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.service)")];

    private async Task<BoardWatch> BoardAsync() => await BoardWatch.StartAsync(hall.Server.MqttPort);

    private async Task<string> ServiceQueueAsync(string serviceId)
    {
        using var server = new HttpClient { BaseAddress = hall.Server.BaseUri };
        var catalog = await server.GetFromJsonAsync<JsonElement>("/api/halls/xinqiao/services");
        return catalog.GetProperty("services").EnumerateArray().Single(s => s.GetProperty("id").GetString() == serviceId).GetProperty("queueId").GetString()!;
    }

    private async Task<Dictionary<string, int>> ServerWaitingAsync()
    {
        using var server = new HttpClient { BaseAddress = hall.Server.BaseUri };
        var queues = await server.GetFromJsonAsync<JsonElement>("/api/halls/xinqiao/queues");
        return queues.EnumerateArray().ToDictionary(q => q.GetProperty("queueId").GetString()!, q => q.GetProperty("waiting").GetInt32());
    }

    /// <summary>A real rendering, not a blank or a box-only page: full size, the red header, and the many shades anti-aliased CJK text leaves.</summary>
    private static void AssertRendered(SKBitmap shot)
    {
        Assert.Equal((Width, Height), (shot.Width, shot.Height));
        Assert.True(Count(shot, SKRectI.Create(0, 0, Width, 40), HallRed) > Width * 20, "the red header bar is missing");
        var colours = new HashSet<SKColor>();
        for (var y = 0; y < shot.Height; y += 2)
        {
            for (var x = 0; x < shot.Width; x += 2)
            {
                colours.Add(shot.GetPixel(x, y));
            }
        }

        Assert.True(colours.Count > 64, $"only {colours.Count} colours: the page did not render text");
    }

    private static int Count(SKBitmap bitmap, SKRectI rect, SKColor color, int tolerance = 16)
    {
        var n = 0;
        for (var y = rect.Top; y < rect.Bottom; y++)
        {
            for (var x = rect.Left; x < rect.Right; x++)
            {
                var p = bitmap.GetPixel(x, y);
                if (Math.Abs(p.Red - color.Red) <= tolerance && Math.Abs(p.Green - color.Green) <= tolerance && Math.Abs(p.Blue - color.Blue) <= tolerance)
                {
                    n++;
                }
            }
        }

        return n;
    }

    private static int Differences(SKBitmap a, SKBitmap b)
    {
        var n = 0;
        for (var y = 0; y < a.Height; y++)
        {
            for (var x = 0; x < a.Width; x++)
            {
                if (a.GetPixel(x, y) != b.GetPixel(x, y))
                {
                    n++;
                }
            }
        }

        return n;
    }
}
