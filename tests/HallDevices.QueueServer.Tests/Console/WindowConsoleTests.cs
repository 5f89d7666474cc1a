using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using HallDevices.QueueServer.Tests.Mqtt;
using HallDevices.Testing;
using HallDevices.Testing.Ui;
using static HallDevices.QueueServer.Tests.WindowConsole.ConsolePages;
using static Microsoft.Playwright.Assertions;

namespace HallDevices.QueueServer.Tests.WindowConsole;

/// <summary>
/// The window console (/console) in a real headless Chromium against a real queue-server: signed in
/// through the real login page, updated only by the live feed, worked with its buttons and hotkeys,
/// and compared with what the server, the MQTT board and a keypad see. The tests share one server,
/// so each works its own counters with its own staff account and puts tickets only into queues no
/// other test's counter calls from: w2 (social), w4 (household), w5 (rural, and civil, which only its own test fills);
/// w1, w3 and w6 never call.
/// </summary>
public sealed class WindowConsoleTests(EmbeddedServerFixture hall, HeadlessChromium chromium) : IClassFixture<EmbeddedServerFixture>, IClassFixture<HeadlessChromium>
{
    private static int _person;

    private Uri BaseUri => hall.Server.BaseUri;

    [Fact]
    public async Task Calling_next_with_the_button_and_the_hotkey_shows_the_pushed_ticket_on_the_console_and_on_the_retained_board()
    {
        await using var browser = await OpenSignedInAsync(chromium, BaseUri, "staff-w2");
        var page = browser.Page;
        await Expect(page.Locator("#who")).ToHaveTextAsync("李强 · 窗口人员");
        await SignInAtAsync(page, "w2");
        await Expect(page.Locator("#current-idle")).ToHaveTextAsync("空闲中，按 F1 或 1 叫下一位");

        var first = await IssueAsync("medical-insurance");
        var second = await IssueAsync("medical-insurance");
        var social = page.Locator("#queue-list [data-queue='social']");
        await Expect(social.Locator(".next")).ToContainTextAsync(first);
        await Expect(social.Locator(".next")).ToContainTextAsync(second);

        await using var kiosk = await HallDevices.Testing.Mqtt.ConnectAsync(hall.Server.MqttPort, Sample.Kiosk);
        var board = new Inbox();
        await kiosk.SubscribeAsync($"hall/{Sample.Hall}/board", board.Handler);

        await page.Button("call-next").ClickAsync();

        await Expect(page.Locator("#current")).ToHaveAttributeAsync("data-ticket", first);
        await Expect(page.GetByTestId("current-number")).ToHaveTextAsync(first);
        await Expect(page.Locator("#current-service")).ToHaveTextAsync("城乡居民医保缴费");
        await Expect(page.Locator("#current-serving")).ToHaveTextAsync(new Regex(@"^\d+:\d\d$"));
        await Expect(page.GetByTestId("message")).ToHaveTextAsync($"已叫号 {first}");
        await Expect(social.Locator(".next")).Not.ToContainTextAsync(first);
        await WaitForBoardCallAsync(board, first, "w2");

        // F1 calls the next one (finishing the current, as a keypad's 叫号 does); 4 finishes it.
        await page.Keyboard.PressAsync("F1");
        await Expect(page.Locator("#current")).ToHaveAttributeAsync("data-ticket", second);
        await WaitForBoardCallAsync(board, second, "w2");
        await page.Keyboard.PressAsync("4");
        await Expect(page.Locator("#current")).ToHaveAttributeAsync("data-ticket", "");
        await Expect(page.GetByTestId("day-served")).ToHaveTextAsync("2");
        Assert.Equal("finished", await TicketStatusAsync(second));
        browser.AssertNoScriptErrors();
    }

    [Fact]
    public async Task A_recall_and_a_finish_pressed_on_the_keypad_show_on_the_console_without_a_reload()
    {
        await using var browser = await OpenSignedInAsync(chromium, BaseUri, "staff-w4");
        var page = browser.Page;
        await SignInAtAsync(page, "w4");
        var number = await IssueAsync("residence-permit");
        await Expect(page.Locator("#queue-list [data-queue='household'] .next")).ToContainTextAsync(number);
        await page.EvaluateAsync("() => window.notReloaded = true");
        await page.Keyboard.PressAsync("1");
        await Expect(page.Locator("#current")).ToHaveAttributeAsync("data-ticket", number);
        await Expect(page.Locator("#current-recalls")).ToHaveTextAsync("0 次");

        // The display of the window (its keypad) sends what a key press sends.
        await using var display = await HallDevices.Testing.Mqtt.ConnectAsync(hall.Server.MqttPort, Sample.Display);
        var recall = await display.RequestAsync("counter", new { requestId = Guid.NewGuid().ToString("N"), counterId = "w4", action = "recall" });
        Assert.Equal("ok", recall.Code());
        await Expect(page.Locator("#current-recalls")).ToHaveTextAsync("1 次");

        var finish = await display.RequestAsync("counter", new { requestId = Guid.NewGuid().ToString("N"), counterId = "w4", action = "finish" });
        Assert.Equal("ok", finish.Code());
        await Expect(page.Locator("#current")).ToHaveAttributeAsync("data-ticket", "");
        await Expect(page.GetByTestId("day-served")).ToHaveTextAsync("1");
        Assert.True(await page.EvaluateAsync<bool>("() => window.notReloaded === true"), "the console reloaded instead of being pushed the change");
        browser.AssertNoScriptErrors();
    }

    [Fact]
    public async Task A_second_staff_members_console_offers_only_their_own_counter_and_the_api_refuses_them_the_first_ones()
    {
        await using var first = await OpenSignedInAsync(chromium, BaseUri, "staff-w1");
        await SignInAtAsync(first.Page, "w1");
        await using var second = await OpenSignedInAsync(chromium, BaseUri, "staff-w3");
        await SignInAtAsync(second.Page, "w3");
        var page = second.Page;

        // Every control on the second console is for w3, and nothing offers w1.
        await Expect(page.Locator("[data-counter='w1']")).ToHaveCountAsync(0);
        await Expect(page.Locator("#counter-select option")).ToHaveCountAsync(0);
        await Expect(page.Locator("#choose")).ToBeHiddenAsync();
        var actions = await page.Locator("button[data-action]").CountAsync();
        Assert.Equal(8, actions);
        Assert.Equal(actions, await page.Locator("#work[data-counter='w3'] button[data-action]").CountAsync());

        // Forced from the second console's own session, with its own anti-forgery token: 403.
        var forced = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const session = await (await fetch('/staff/session')).json();
              const r = await fetch('/api/halls/xinqiao/counters/w1/call-next', { method: 'POST', headers: { 'content-type': 'application/json', 'X-CSRF-TOKEN': session.csrfToken }, body: '{}' });
              return { status: r.status, reply: await r.json() };
            }
            """);
        Assert.Equal(403, forced.GetProperty("status").GetInt32());
        Assert.Equal("forbidden", forced.GetProperty("reply").GetProperty("error").GetProperty("code").GetString());

        // The first console is untouched and still works w1.
        await Expect(first.Page.Locator("#work")).ToHaveAttributeAsync("data-counter", "w1");
        await Expect(first.Page.Locator("#counter-status")).ToHaveAttributeAsync("data-status", "idle");
        first.AssertNoScriptErrors();
        AssertOnlyRefusals(second, "HTTP 403 for POST");
    }

    [Fact]
    public async Task Calling_next_while_paused_is_refused_with_a_chinese_message_and_an_english_one_after_the_switch()
    {
        await using var browser = await OpenSignedInAsync(chromium, BaseUri, "staff-w6");
        var page = browser.Page;
        await SignInAtAsync(page, "w6");
        await page.Button("pause").ClickAsync();
        await Expect(page.Locator("#counter-status")).ToHaveAttributeAsync("data-status", "paused");
        await Expect(page.Button("resume")).ToBeVisibleAsync();

        await page.Button("call-next").ClickAsync();

        var message = page.GetByTestId("message");
        await Expect(message).ToHaveAttributeAsync("data-code", "counter-paused");
        await Expect(message).ToHaveTextAsync("本窗口已暂停叫号，请先点“恢复叫号”。");
        await Expect(message).ToHaveClassAsync("error");

        await page.GetByTestId("lang").ClickAsync();

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(message).ToHaveTextAsync("This counter is paused: press Resume first.");
        await Expect(page.Button("call-next")).ToContainTextAsync("Call next");
        await Expect(page.Locator("#counter-status")).ToHaveTextAsync("paused");
        await page.Button("resume").ClickAsync();
        await Expect(page.Locator("#counter-status")).ToHaveTextAsync("idle");
        AssertOnlyRefusals(browser, "HTTP 422 for POST");
    }

    [Fact]
    public async Task The_district_viewer_is_told_it_may_not_work_a_counter_and_window_staff_may_not_reprint()
    {
        await using var browser = await OpenSignedInAsync(chromium, BaseUri, StaffSessions.DistrictViewer);
        var page = browser.Page;
        await Expect(page.Locator("#choose-hint")).ToHaveTextAsync("此账号为只读账号，不能操作窗口。");

        await page.Locator("#counter-select").SelectOptionAsync("w3");
        await page.Locator("#counter-login").ClickAsync();

        await Expect(page.GetByTestId("message")).ToHaveAttributeAsync("data-code", "forbidden");
        await Expect(page.GetByTestId("message")).ToHaveTextAsync("您的账号无权进行此操作。");
        await Expect(page.Locator("#work")).ToBeHiddenAsync();
        AssertOnlyRefusals(browser, "HTTP 403 for POST");

        using var staff = await StaffSessions.SignInAsync(BaseUri, "staff-w5");
        using var reprint = await staff.PostAsync(new Uri("/api/halls/xinqiao/tickets/A001/reprint", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Forbidden, reprint.StatusCode);
        Assert.Equal("forbidden", (await reprint.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_skipped_ticket_is_reinstated_from_the_no_show_list_and_once_called_again_can_be_transferred_to_another_queue()
    {
        await using var browser = await OpenSignedInAsync(chromium, BaseUri, "staff-w5");
        var page = browser.Page;
        await SignInAtAsync(page, "w5");
        var number = await IssueAsync("consultation");
        await Expect(page.Locator("#queue-list [data-queue='rural'] .next")).ToContainTextAsync(number);
        await page.Button("call-next").ClickAsync();
        await Expect(page.Locator("#current")).ToHaveAttributeAsync("data-ticket", number);

        await page.Keyboard.PressAsync("F3");

        await Expect(page.Locator("#current")).ToHaveAttributeAsync("data-ticket", "");
        var noShow = page.Locator($"#noshow-list li[data-ticket='{number}']");
        await Expect(noShow).ToContainTextAsync("政策咨询");
        await Expect(page.GetByTestId("day-noshows")).ToHaveTextAsync("1");
        Assert.Equal("no-show", await TicketStatusAsync(number));

        await noShow.Locator("button[data-reinstate]").ClickAsync();

        await Expect(page.GetByTestId("message")).ToHaveTextAsync($"{number} 已恢复排队");
        await Expect(noShow).ToHaveCountAsync(0);
        await Expect(page.Locator("#queue-list [data-queue='rural'] .next")).ToContainTextAsync(number);
        Assert.Equal("waiting", await TicketStatusAsync(number));

        await page.Keyboard.PressAsync("1");
        await Expect(page.Locator("#current")).ToHaveAttributeAsync("data-ticket", number);
        await page.Button("transfer").ClickAsync();
        await Expect(page.Locator("#transfer-dialog")).ToBeVisibleAsync();
        await page.Locator("#transfer-target").SelectOptionAsync("q:civil");
        await page.Locator("#transfer-ok").ClickAsync();

        await Expect(page.Locator("#current")).ToHaveAttributeAsync("data-ticket", "");
        await Expect(page.GetByTestId("message")).ToHaveTextAsync($"{number} 已转移");
        await Expect(page.Locator("#queue-list [data-queue='civil'] .next")).ToContainTextAsync(number);
        browser.AssertNoScriptErrors();
    }

    [Fact]
    public async Task The_console_sends_a_signed_out_visitor_to_the_sign_in_page_and_back_and_serves_the_staff_styles()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = BaseUri };

        using var plain = await http.GetAsync(new Uri("/console", UriKind.Relative));
        using var english = await http.GetAsync(new Uri("/console?lang=en", UriKind.Relative));
        using var css = await http.GetAsync(new Uri("/staff/staff.css", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, plain.StatusCode);
        Assert.Equal("/staff/login?returnUrl=%2Fconsole", plain.Headers.Location?.ToString());
        Assert.Equal("/staff/login?returnUrl=%2Fconsole%3Flang%3Den&lang=en", english.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Contains("body.login", await css.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var staff = await StaffSessions.SignInAsync(BaseUri, "staff-w6");
        var page = await staff.GetStringAsync(new Uri("/console", UriKind.Relative));
        Assert.Contains("/console/console.js", page, StringComparison.Ordinal);
    }

    /// <summary>Issues a ticket as the booking platform (a person of its own, so no daily limit is reached).</summary>
    private async Task<string> IssueAsync(string serviceId)
    {
        using var integrator = StaffSessions.Integrator(BaseUri);
        var person = Interlocked.Increment(ref _person);
        using var response = await integrator.PostAsJsonAsync("/api/halls/xinqiao/tickets", new { serviceId, channel = "mobile", idNumber = $"110105198001{person:000000}" });
        var reply = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, reply.ToString());
        return reply.GetProperty("ticket").GetProperty("number").GetString()!;
    }

    private async Task<string> TicketStatusAsync(string number)
    {
        using var http = new HttpClient { BaseAddress = BaseUri };
        var reply = await http.GetFromJsonAsync<JsonElement>($"/api/halls/xinqiao/tickets/{number}");
        return reply.GetProperty("ticket").GetProperty("status").GetString()!;
    }

    private static async Task WaitForBoardCallAsync(Inbox board, string number, string counterId) =>
        await board.WaitForAsync(m => Inbox.Json(m).GetProperty("calls") is { ValueKind: JsonValueKind.Array } calls && calls.GetArrayLength() > 0
            && calls[0].GetProperty("ticket").GetString() == number && calls[0].GetProperty("counterId").GetString() == counterId);
}
