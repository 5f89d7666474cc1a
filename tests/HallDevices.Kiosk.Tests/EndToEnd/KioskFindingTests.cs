using System.Globalization;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using HallDevices.Testing;
using HallDevices.Testing.Ui;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HallDevices.Kiosk.Tests.EndToEnd;

/// <summary>
/// A citizen finding one of the sample town's 127 services at the kiosk, in real Chromium with touch:
/// by category, by typed Chinese, by pinyin initials on the on-screen keyboard; its guide as the hall
/// file has it; 全程网办 with a QR code a phone can read; elderly mode and English.
/// </summary>
[Collection("kiosk hall")]
public sealed class KioskFindingTests(KioskHall hall, HeadlessChromium chromium) : IClassFixture<HeadlessChromium>, IAsyncLifetime
{
    private readonly string _shots = TempDir.Create("kiosk-finding");
    private BrowserPage _browser = null!;

    private IPage Page => _browser.Page;

    private ILocator Screen => Page.Screen();

    private static SampleHall Town => SampleHall.Town;

    public async Task InitializeAsync()
    {
        await hall.BackToStartAsync();
        _browser = await chromium.OpenAsync(hall.Kiosk.BaseUri, 1280, 800, touch: true);
        await Expect(Screen).ToHaveAttributeAsync("data-screen", "start");
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        await hall.BackToStartAsync();
        if (Environment.GetEnvironmentVariable("HALL_KEEP_SCREENSHOTS") is null)
        {
            Directory.Delete(_shots, recursive: true);
        }
    }

    [Fact]
    public async Task A_service_found_by_category_sub_category_and_page_opens_its_guide_with_the_hall_files_materials_and_limits()
    {
        // A sub-category with more than one page: its last service is on page 2.
        var sub = Town.Categories.SelectMany(c => c.Children).First(c => Town.In(c.Id).Count > 8);
        var service = Town.In(sub.Id)[^1];

        await Page.OpenListOfAsync(Town, service);
        await Expect(Page.ListedServices()).ToHaveCountAsync(8);
        await Expect(Screen.GetByTestId("page-info")).ToHaveTextAsync($"第 1/{(Town.In(sub.Id).Count + 7) / 8} 页");
        Assert.Equal(2, await Page.PageToAsync(service.Id));
        await Screen.Locator($"button[data-service='{service.Id}']").TapAsync();

        await Expect(Screen).ToHaveAttributeAsync("data-screen", "guide");
        await Expect(Screen.GetByTestId("guide-name")).ToHaveTextAsync(service.Name);
        await Expect(Screen.GetByTestId("materials").Locator("li")).ToHaveTextAsync(service.Materials.ToArray());
        await Expect(Screen.GetByTestId("legal")).ToHaveTextAsync(Days(service.LegalDays!.Value));
        await Expect(Screen.GetByTestId("promised")).ToHaveTextAsync(Days(service.PromisedDays!.Value));
        await Expect(Screen.GetByTestId("fee")).ToHaveTextAsync(service.Fee ?? "不收费");
        await Expect(Screen.GetByTestId("badge-one-trip")).ToHaveCountAsync(service.OneTrip ? 1 : 0);
        await Expect(Screen.GetByTestId("badge-agency")).ToHaveCountAsync(service.Agency ? 1 : 0);
        Assert.Equal(service.Id, (await hall.StateAsync()).GetProperty("view").GetProperty("guideServiceId").GetString());
        await _browser.ScreenshotAsync(Path.Combine(_shots, "guide.png"));

        // 返回 goes back to the page of the list the citizen came from.
        await Page.BackAsync("list");
        await Expect(Screen.GetByTestId("page-info")).ToHaveAttributeAsync("data-page", "2");
        _browser.AssertNoScriptErrors();
    }

    [Fact]
    public async Task Typed_chinese_lists_every_service_whose_name_contains_it_first_and_a_result_opens_its_guide()
    {
        const string part = "公积金";
        var containing = Town.Services.Where(s => s.Name.Contains(part, StringComparison.Ordinal)).Select(s => s.Id).ToList();
        Assert.True(containing.Count >= 2, "the sample town should have several 公积金 services");

        await Screen.GetByTestId("search").TapAsync();
        await Expect(Screen).ToHaveAttributeAsync("data-screen", "search");
        await Screen.GetByTestId("search-input").FillAsync(part); // what a physical keyboard's input method leaves in the field

        await Expect(Screen.GetByTestId("search-status")).ToHaveAttributeAsync("data-query", part);
        var listed = await Page.ListedIdsAsync();
        Assert.Equal(containing.Order(), listed.Take(containing.Count).Order());
        var first = Town.Service(listed[0]);
        await Screen.Locator($"button[data-service='{first.Id}']").TapAsync();
        await Expect(Screen.GetByTestId("guide-name")).ToHaveTextAsync(first.Name);
        _browser.AssertNoScriptErrors();
    }

    [Fact]
    public async Task Text_an_input_method_is_composing_survives_a_pushed_waiting_count_and_is_searched_once_committed()
    {
        await Screen.GetByTestId("search").TapAsync();
        var input = Screen.GetByTestId("search-input");
        await input.FillAsync("咨询");
        await Expect(Screen.GetByTestId("search-status")).ToHaveAttributeAsync("data-query", "咨询");
        var consultation = Screen.Locator("[data-testid=services] button[data-service='consultation'] small");
        var waiting = int.Parse(Regex.Match((await consultation.TextContentAsync())!, @"\d+").Value, CultureInfo.InvariantCulture);

        // The citizen goes on typing with a pinyin input method: "zong" is being composed, not committed.
        var cdp = await Page.Context.NewCDPSessionAsync(Page);
        await input.FocusAsync();
        await cdp.SendAsync("Input.imeSetComposition", new Dictionary<string, object> { ["text"] = "zong", ["selectionStart"] = 4, ["selectionEnd"] = 4 });
        await Expect(input).ToHaveValueAsync("咨询zong");

        // A ticket taken elsewhere pushes new waiting counts to the page mid-composition.
        using var mobile = StaffSessions.Integrator(hall.Server.BaseUri);
        (await mobile.PostAsJsonAsync("/api/halls/xinqiao/tickets", new { serviceId = "consultation", channel = "mobile" })).EnsureSuccessStatusCode();
        await Expect(consultation).ToContainTextAsync($"等候 {waiting + 1} 人");
        Assert.Equal("咨询zong", await input.InputValueAsync());

        // Committed, the characters are searched.
        await cdp.SendAsync("Input.insertText", new Dictionary<string, object> { ["text"] = "综合" });
        await Expect(input).ToHaveValueAsync("咨询综合");
        await Expect(Screen.GetByTestId("search-status")).ToHaveAttributeAsync("data-query", "咨询综合");
        _browser.AssertNoScriptErrors();
    }

    [Fact]
    public async Task Pinyin_initials_tapped_on_the_on_screen_keyboard_find_the_social_security_card_and_delete_and_clear_work()
    {
        var card = Town.Service("social-card");
        Assert.Equal("社会保障卡申领", card.Name);
        await Screen.GetByTestId("search").TapAsync();
        var input = Screen.GetByTestId("search-input");

        // One letter already answers, paged like a list.
        await Screen.Locator("[data-key='s']").TapAsync();
        await Expect(Screen.GetByTestId("search-status")).ToHaveAttributeAsync("data-query", "s");
        await Expect(Page.ListedServices()).ToHaveCountAsync(8);
        Assert.True(int.Parse((await Screen.GetByTestId("page-info").GetAttributeAsync("data-pages"))!, CultureInfo.InvariantCulture) > 1);

        // No reading starts with v: sbkv matches nothing.
        foreach (var letter in "bkv")
        {
            await Screen.Locator($"[data-key='{letter}']").TapAsync();
        }

        await Expect(input).ToHaveValueAsync("sbkv");
        await Expect(Screen.GetByTestId("search-status")).ToHaveTextAsync("未找到相关事项，请换个关键词，或到引导台咨询");
        await Screen.Locator("[data-action='backspace']").TapAsync();
        await Expect(input).ToHaveValueAsync("sbk");
        await Expect(Screen.GetByTestId("search-status")).ToHaveAttributeAsync("data-query", "sbk");
        await Expect(Screen.Locator($"[data-testid=services] button[data-service='{card.Id}']")).ToBeVisibleAsync();
        await _browser.ScreenshotAsync(Path.Combine(_shots, "search-sbk.png"));

        await Screen.Locator("[data-action='clear']").TapAsync();
        await Expect(input).ToHaveValueAsync("");
        await Expect(Page.ListedServices()).ToHaveCountAsync(0);

        foreach (var letter in "sbk")
        {
            await Screen.Locator($"[data-key='{letter}']").TapAsync();
        }

        await Screen.Locator($"[data-testid=services] button[data-service='{card.Id}']").TapAsync();
        await Expect(Screen.GetByTestId("guide-name")).ToHaveTextAsync(card.Name);
        _browser.AssertNoScriptErrors();
    }

    [Fact]
    public async Task A_fully_online_service_says_so_and_shows_its_link_and_a_qr_code_that_decodes_to_it()
    {
        var online = Town.Service("social-card");
        Assert.NotNull(online.OnlineUrl);
        await Page.OpenListOfAsync(Town, online);
        await Screen.Locator($"button[data-service='{online.Id}']").TapAsync();

        await Expect(Screen.GetByTestId("badge-online")).ToHaveTextAsync("全程网办");
        await Expect(Screen.GetByTestId("online")).ToContainTextAsync("此事项可全程网办");
        await Expect(Screen.GetByTestId("online")).ToContainTextAsync("随申办");
        await Expect(Screen.GetByTestId("online-url")).ToHaveTextAsync(online.OnlineUrl!);
        var qr = Screen.GetByTestId("online-qr");
        await Page.WaitForFunctionAsync("() => { const i = document.querySelector('[data-testid=online-qr]'); return i && i.complete && i.naturalWidth > 0; }");
        var shot = Path.Combine(_shots, "online-qr.png");
        await qr.ScreenshotAsync(new() { Path = shot });
        Assert.Equal(online.OnlineUrl, QrCodes.DecodePng(shot));

        // A service without a link says nothing about it.
        await Page.BackAsync("list");
        var offline = Town.In(online.Category).First(s => s.OnlineUrl is null);
        await Screen.Locator($"button[data-service='{offline.Id}']").TapAsync();
        await Expect(Screen.GetByTestId("guide-name")).ToHaveTextAsync(offline.Name);
        await Expect(Screen.GetByTestId("online")).ToHaveCountAsync(0);
        await Expect(Screen.GetByTestId("badge-online")).ToHaveCountAsync(0);
        _browser.AssertNoScriptErrors();
    }

    [Fact]
    public async Task Elderly_mode_shows_larger_high_contrast_type_and_fewer_items_and_is_forgotten_with_the_citizen()
    {
        var sub = Town.Categories.SelectMany(c => c.Children).First(c => Town.In(c.Id).Count > 8);
        var service = Town.In(sub.Id)[0];
        await Expect(Screen.Locator("[data-testid=common] button[data-service]")).ToHaveCountAsync(8);
        await Page.OpenListOfAsync(Town, service);
        var normal = await FontSizeAsync(Page.ListedServices().First);
        await Expect(Screen.GetByTestId("page-info")).ToHaveAttributeAsync("data-pages", ((Town.In(sub.Id).Count + 7) / 8).ToString(CultureInfo.InvariantCulture));
        await Page.BackAsync("category");
        await Page.BackAsync("start");

        await Page.GetByTestId("elderly").TapAsync();

        await Expect(Page.Locator("body")).ToHaveClassAsync(new Regex(@"\belderly\b"));
        await Expect(Page.GetByTestId("elderly")).ToHaveAttributeAsync("aria-pressed", "true");
        Assert.True((await hall.StateAsync()).GetProperty("view").GetProperty("elderly").GetBoolean());
        await Expect(Screen.Locator("[data-testid=common] button[data-service]")).ToHaveCountAsync(4);
        await _browser.ScreenshotAsync(Path.Combine(_shots, "elderly-start.png"));
        await Page.OpenListOfAsync(Town, service);
        await Expect(Page.ListedServices()).ToHaveCountAsync(4);
        await Expect(Screen.GetByTestId("page-info")).ToHaveAttributeAsync("data-pages", ((Town.In(sub.Id).Count + 3) / 4).ToString(CultureInfo.InvariantCulture));
        var large = await FontSizeAsync(Page.ListedServices().First);
        Assert.True(large >= 40 && large > normal, $"service names are {large}px in elderly mode, {normal}px normally");
        var (ink, paper) = await ColoursAsync(Page.ListedServices().First);
        Assert.True(Contrast(ink, paper) >= 4.5, $"contrast {Contrast(ink, paper):0.0}:1 is below WCAG AA");
        var (hintInk, pageBg) = await ColoursAsync(Screen.GetByTestId("title"), Page.Locator("body"));
        Assert.True(Contrast(hintInk, pageBg) >= 4.5, $"contrast {Contrast(hintInk, pageBg):0.0}:1 is below WCAG AA");
        await _browser.ScreenshotAsync(Path.Combine(_shots, "elderly-list.png"));

        // A guide opened in elderly mode is read aloud at once, in Chinese; 朗读 in English reads it in English.
        var said = hall.SpeechFiles().Length;
        await Screen.Locator($"button[data-service='{service.Id}']").TapAsync();
        await Expect(Screen.GetByTestId("guide-name")).ToHaveTextAsync(service.Name);
        AssertSpeech(await hall.WaitForSpeechAsync(said, "zh"));
        await _browser.ScreenshotAsync(Path.Combine(_shots, "elderly-guide.png"));
        said = hall.SpeechFiles().Length;
        await Page.GetByTestId("lang").TapAsync();
        await Expect(Screen.GetByTestId("guide-name")).ToHaveTextAsync(service.NameEn!);
        await Screen.Locator("[data-action='speak']").TapAsync();
        AssertSpeech(await hall.WaitForSpeechAsync(said, "en"));

        // The next citizen gets the normal screen.
        (await hall.Http.PostAsync(new Uri("/api/cancel", UriKind.Relative), null)).EnsureSuccessStatusCode();
        await Expect(Screen).ToHaveAttributeAsync("data-screen", "start");
        await Expect(Page.Locator("body")).Not.ToHaveClassAsync(new Regex(@"\belderly\b"));
        await Expect(Screen.Locator("[data-testid=common] button[data-service]")).ToHaveCountAsync(8);
        _browser.AssertNoScriptErrors();
    }

    [Fact]
    public async Task The_english_switch_shows_the_english_names_of_categories_services_and_the_guide()
    {
        var service = Town.Service("pension-enrol");
        var path = Town.PathTo(service);
        await Page.GetByTestId("lang").TapAsync();

        await Expect(Screen.Locator("[data-testid=categories] button.tile .tile-name")).ToHaveTextAsync(Town.Categories.Select(c => c.NameEn ?? c.Name).ToArray());
        await Screen.Locator($"button[data-category='{path[0].Id}']").TapAsync();
        await Expect(Screen.GetByTestId("title")).ToHaveTextAsync(path[0].NameEn!);
        await Expect(Screen.Locator("button.tile .tile-name")).ToHaveTextAsync(path[0].Children.Select(c => c.NameEn ?? c.Name).ToArray());
        await Screen.Locator($"button[data-category='{path[1].Id}']").TapAsync();
        var listed = Town.In(path[1].Id).Take(8).ToList();
        for (var i = 0; i < listed.Count; i++)
        {
            await Expect(Page.ListedServices().Nth(i)).ToContainTextAsync(listed[i].NameEn ?? listed[i].Name);
        }

        await Expect(Screen.GetByTestId("page-info")).ToHaveTextAsync(new Regex(@"^Page 1 of \d+$"));
        await Screen.Locator($"button[data-service='{service.Id}']").TapAsync();
        await Expect(Screen.GetByTestId("guide-name")).ToHaveTextAsync(service.NameEn!);
        await Expect(Screen.GetByTestId("materials").Locator("h3")).ToHaveTextAsync("What to bring");
        await Expect(Screen.Locator("[data-action='take']")).ToHaveTextAsync("Take a ticket");
        await Expect(Screen.Locator("[data-action='take-with-guide']")).ToHaveTextAsync("Ticket with printed guide");
        await _browser.ScreenshotAsync(Path.Combine(_shots, "english-guide.png"));
        _browser.AssertNoScriptErrors();
    }

    [Fact]
    public async Task A_ticket_taken_with_the_guide_prints_a_receipt_with_its_short_form_below_the_ticket()
    {
        var service = Town.Service("consultation");
        Assert.False(service.NeedsIdCard);

        var plain = await TakeAsync(service, "take");
        var guided = await TakeAsync(service, "take-with-guide");

        using var plainShot = SkiaSharp.SKBitmap.Decode(plain.Receipt);
        using var guidedShot = SkiaSharp.SKBitmap.Decode(guided.Receipt);
        Assert.Equal(plainShot.Width, guidedShot.Width);

        // Title, 所需材料, each material, the time limit and the fee: at least five more lines of 20+ dots.
        Assert.True(guidedShot.Height - plainShot.Height >= 5 * 20 + Math.Min(service.Materials.Count, 8) * 20, $"the guided receipt is {guidedShot.Height} dots long, the plain one {plainShot.Height}");
        KioskHall.AssertTrackingQr(await hall.ServerTicketAsync(guided.Number), QrCodes.DecodePng(guided.Receipt));
        _browser.AssertNoScriptErrors();
    }

    /// <summary>From the start screen: the service's list, its guide, the button named <paramref name="action"/>; the printed receipt, then back to the start.</summary>
    private async Task<(string Number, string Receipt)> TakeAsync(HallService service, string action)
    {
        var next = hall.ReceiptCount + 1;
        await Page.OpenListOfAsync(Town, service);
        await Page.PageToAsync(service.Id);
        await Screen.Locator($"button[data-service='{service.Id}']").TapAsync();
        await Screen.Locator($"[data-action='{action}']").TapAsync();
        await Expect(Screen).ToHaveAttributeAsync("data-screen", "ticket");
        var number = (await Screen.Locator(".big").TextContentAsync())!;
        var receipt = await hall.WaitForReceiptAsync(next);
        await Screen.Locator("[data-action='back']").TapAsync();
        await Expect(Screen).ToHaveAttributeAsync("data-screen", "start");
        return (number, receipt);
    }

    /// <summary>A real utterance: a RIFF/WAVE file with more than a second of audio.</summary>
    private static void AssertSpeech(string wav)
    {
        var bytes = File.ReadAllBytes(wav);
        Assert.Equal("RIFF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
        Assert.Equal("WAVE", System.Text.Encoding.ASCII.GetString(bytes, 8, 4));
        var byteRate = BitConverter.ToInt32(bytes, 28);
        Assert.True(bytes.Length - 44 > byteRate, $"{Path.GetFileName(wav)} holds {(bytes.Length - 44) / (double)byteRate:0.00} s of audio");
    }

    private static string Days(int days) => days == 0 ? "即办件（当场办结）" : $"{days} 个工作日";

    private static async Task<double> FontSizeAsync(ILocator element) =>
        double.Parse((await element.EvaluateAsync<string>("e => getComputedStyle(e).fontSize")).Replace("px", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);

    /// <summary>The text colour of <paramref name="text"/> and the background it sits on (its own, or <paramref name="background"/>'s).</summary>
    private static async Task<(int[] Ink, int[] Paper)> ColoursAsync(ILocator text, ILocator? background = null)
    {
        static int[] Rgb(string css) => Regex.Matches(css, @"\d+").Take(3).Select(m => int.Parse(m.Value, CultureInfo.InvariantCulture)).ToArray();
        var ink = await text.EvaluateAsync<string>("e => getComputedStyle(e).color");
        var paper = await (background ?? text).EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
        return (Rgb(ink), Rgb(paper));
    }

    /// <summary>WCAG 2 contrast ratio of two sRGB colours.</summary>
    private static double Contrast(int[] a, int[] b)
    {
        static double Luminance(int[] c)
        {
            var l = c.Select(v => v / 255.0).Select(v => v <= 0.03928 ? v / 12.92 : Math.Pow((v + 0.055) / 1.055, 2.4)).ToArray();
            return (0.2126 * l[0]) + (0.7152 * l[1]) + (0.0722 * l[2]);
        }

        var (x, y) = (Luminance(a), Luminance(b));
        return (Math.Max(x, y) + 0.05) / (Math.Min(x, y) + 0.05);
    }
}
