using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using HallDevices.Contracts;
using HallDevices.Messaging;
using HallDevices.Testing;
using HallDevices.Testing.Ui;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HallDevices.QueueServer.Tests.DashboardPage;

/// <summary>
/// The hall manager dashboard in a real headless Chromium on a large-monitor viewport, against a
/// real queue-server: people sign in through the real login page, changes are made as the hall
/// makes them (a window staff session over HTTP, a kiosk over MQTT, an integrator's key) and must
/// show up on the open page by themselves, pushed over the live feed.
/// </summary>
public sealed class DashboardPageTests(DashboardHallFixture hall, HeadlessChromium chromium) : IClassFixture<DashboardHallFixture>, IClassFixture<HeadlessChromium>
{
    private const int Width = 1920;
    private const int Height = 1080;
    private const string HallName = "新桥镇为民服务中心";

    private ServerProcess Server => hall.Server;

    [Fact]
    public async Task A_manager_signs_in_on_the_login_page_sees_every_counter_and_window_staff_calling_and_pausing_shows_up_pushed_with_ticket_and_staff_name()
    {
        await using var browser = await SignInAsync(StaffSessions.Manager);
        var page = browser.Page;
        await Expect(page).ToHaveURLAsync(new Regex("/dashboard$"));
        await Expect(page.Locator("#hall-name")).ToHaveTextAsync(HallName);
        await Expect(page.GetByTestId("connection")).ToHaveAttributeAsync("data-state", "live");
        using (var hallFile = JsonDocument.Parse(await File.ReadAllTextAsync(Repo.SampleHallFile)))
        {
            var counters = hallFile.RootElement.GetProperty("counters").EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToArray();
            var queues = hallFile.RootElement.GetProperty("queues").EnumerateArray().Select(q => q.GetProperty("id").GetString()!).ToArray();
            await Expect(page.Locator("#counters .counter .c-name")).ToHaveTextAsync(counters);
            await Expect(page.Locator("#queues tr")).ToHaveCountAsync(queues.Length);
            foreach (var queue in queues)
            {
                await Expect(page.Locator($"#queues tr[data-queue='{queue}']")).ToHaveCountAsync(1);
            }
        }

        await Expect(page.GetByTestId("reprint-form")).ToBeVisibleAsync();

        using var integrator = StaffSessions.Integrator(Server.BaseUri);
        await PostOkAsync(integrator, "/api/halls/xinqiao/tickets", new { serviceId = "consultation", channel = "mobile" });
        using var staff = await StaffSessions.SignInAsync(Server.BaseUri, "staff-w1");
        var name = (await staff.GetFromJsonAsync<JsonElement>("/staff/session")).GetProperty("name").GetString()!;
        var card = page.Locator("#counters [data-counter='w5']");
        try
        {
            await PostOkAsync(staff, "/api/halls/xinqiao/counters/w5/login");
            await Expect(card).ToHaveAttributeAsync("data-status", "idle");
            await Expect(card.Locator("[data-field=staff]")).ToHaveTextAsync(name);

            var called = await PostOkAsync(staff, "/api/halls/xinqiao/counters/w5/call-next");

            var number = called.GetProperty("ticket").GetProperty("number").GetString()!;
            await Expect(card).ToHaveAttributeAsync("data-status", "serving");
            await Expect(card.Locator("[data-field=status]")).ToHaveTextAsync("办理中");
            await Expect(card.Locator("[data-field=ticket]")).ToHaveTextAsync(number);
            await Expect(card.Locator("[data-field=service]")).ToHaveTextAsync(called.GetProperty("ticket").GetProperty("serviceName").GetString()!);
            await Expect(card.Locator("[data-field=staff]")).ToHaveTextAsync(name);
            var time = card.Locator("[data-field=time]");
            await Expect(time).ToHaveTextAsync(new Regex(@"^已办理 (\d+分)?\d+秒$"));
            var first = await time.TextContentAsync();
            await Expect(time).Not.ToHaveTextAsync(first!); // it ticks on the page between snapshots

            await PostOkAsync(staff, "/api/halls/xinqiao/counters/w5/finish");
            await Expect(card).ToHaveAttributeAsync("data-status", "idle");
            await Expect(card.Locator("[data-field=ticket]")).ToHaveTextAsync("—");
            await PostOkAsync(staff, "/api/halls/xinqiao/counters/w5/pause");
            await Expect(card).ToHaveAttributeAsync("data-status", "paused");
            await Expect(card.Locator("[data-field=status]")).ToHaveTextAsync("暂停");
            await Expect(card.Locator("[data-field=time]")).ToHaveTextAsync(new Regex(@"^已暂停 (\d+分)?\d+秒$"));
            await PostOkAsync(staff, "/api/halls/xinqiao/counters/w5/resume");
            await Expect(card).ToHaveAttributeAsync("data-status", "idle");

            // Today's figures are the server's.
            var today = (await staff.GetFromJsonAsync<JsonElement>("/api/halls/xinqiao/snapshot")).GetProperty("today");
            foreach (var figure in new[] { "issued", "served", "noShows", "voided", "waiting" })
            {
                await Expect(page.Locator($"[data-figure='{figure}'] b")).ToHaveTextAsync(today.GetProperty(figure).GetInt32().ToString(CultureInfo.InvariantCulture));
            }

            var meanMinutes = Math.Round(today.GetProperty("meanWaitSeconds").GetDouble() / 60, MidpointRounding.AwayFromZero);
            await Expect(page.Locator("[data-figure='meanWait'] b")).ToHaveTextAsync($"{meanMinutes} 分钟");
        }
        finally
        {
            (await staff.PostAsJsonAsync("/api/halls/xinqiao/counters/w5/logout", new { })).Dispose();
        }

        await Expect(card).ToHaveAttributeAsync("data-status", "closed");
        await Expect(card.Locator("[data-field=status]")).ToHaveTextAsync("关闭");
        browser.AssertNoScriptErrors();
    }

    [Fact]
    public async Task A_kiosk_out_of_paper_published_over_mqtt_shows_pushed_in_the_device_table_and_as_a_critical_alert_in_chinese_and_english()
    {
        await using var browser = await SignInAsync(StaffSessions.Manager);
        var page = browser.Page;
        await Expect(page.GetByTestId("connection")).ToHaveAttributeAsync("data-state", "live");
        var row = page.Locator("#devices tr[data-device='kiosk-01']");
        var alert = page.Locator("#alerts li[data-alert-kind='paper-out'][data-subject-id='kiosk-01']");
        await Expect(row).ToHaveCountAsync(0);

        await using var kiosk = await HallDevices.Testing.Mqtt.ConnectAsync(Server.MqttPort, Sample.Kiosk);
        try
        {
            await kiosk.PublishDeviceStatusAsync(Sample.Hall, "kiosk-01", new DeviceStatus(true, HealthStates.PaperOut, null));

            await Expect(row.Locator("[data-field=kind]")).ToHaveTextAsync("自助取号机");
            await Expect(row.Locator("[data-field=id]")).ToHaveTextAsync("kiosk-01");
            await Expect(row.Locator("[data-field=online]")).ToHaveTextAsync("在线");
            await Expect(row.Locator("[data-field=health]")).ToHaveTextAsync("缺纸");
            await Expect(row.Locator("[data-field=detail]")).ToHaveTextAsync("—");
            await Expect(row.Locator("[data-field=since]")).ToHaveTextAsync(new Regex(@"^(\d+分)?\d+秒\d\d:\d\d$"));
            await Expect(alert).ToHaveAttributeAsync("data-severity", "critical");
            await Expect(alert.Locator(".sev")).ToHaveTextAsync("紧急");
            await Expect(alert.Locator(".text")).ToHaveTextAsync("自助取号机 kiosk-01 缺纸");
            await Expect(page.Locator("#alert-count")).ToHaveAttributeAsync("data-severity", "critical");

            await page.GetByTestId("lang").ClickAsync();

            await Expect(alert.Locator(".sev")).ToHaveTextAsync("Critical");
            await Expect(alert.Locator(".text")).ToHaveTextAsync("Kiosk kiosk-01 is out of paper");
            await Expect(row.Locator("[data-field=health]")).ToHaveTextAsync("Out of paper");
            await Expect(row.Locator("[data-field=kind]")).ToHaveTextAsync("Kiosk");

            // Paper loaded: the alert goes by itself.
            await kiosk.PublishDeviceStatusAsync(Sample.Hall, "kiosk-01", new DeviceStatus(true, HealthStates.Ok, null));

            await Expect(alert).ToHaveCountAsync(0);
            await Expect(row.Locator("[data-field=health]")).ToHaveTextAsync("OK");
        }
        finally
        {
            await kiosk.ClearRetainedAsync(Topics.DeviceStatus(Sample.Hall, "kiosk-01"));
        }

        await Expect(row).ToHaveCountAsync(0);
        browser.AssertNoScriptErrors();
    }

    [Fact]
    public async Task A_manager_reprints_a_lost_slip_and_a_failed_print_at_the_guide_desk_and_an_unknown_number_is_refused_in_chinese_then_english()
    {
        using var integrator = StaffSessions.Integrator(Server.BaseUri);
        var lost = (await PostOkAsync(integrator, "/api/halls/xinqiao/tickets", new { serviceId = "consultation", channel = "mobile" })).GetProperty("ticket");
        var number = lost.GetProperty("number").GetString()!;
        await using var browser = await SignInAsync(StaffSessions.Manager);
        var page = browser.Page;
        var input = page.GetByTestId("reprint-number");
        var slip = page.GetByTestId("slip");

        await input.FillAsync(number.ToLowerInvariant()); // typed as it comes at the desk
        await input.PressAsync("Enter");

        await Expect(slip.Locator("#slip-number")).ToHaveTextAsync(number);
        await Expect(slip.Locator("#slip-hall")).ToHaveTextAsync(HallName);
        await Expect(slip.Locator("#slip-service")).ToHaveTextAsync("政策咨询");
        var issuedAt = lost.GetProperty("issuedAt").GetDateTimeOffset();
        await Expect(slip.Locator("#slip-time")).ToHaveTextAsync($"取号时间 {issuedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}");
        await Expect(slip.Locator("#slip-ahead")).ToHaveTextAsync(new Regex(@"^前面还有 \d+ 人，预计等待约 \d+ 分钟$"));
        await Expect(page.GetByTestId("slip-url")).ToHaveTextAsync(lost.GetProperty("trackUrl").GetString()!);
        await Expect(page.GetByTestId("print")).ToBeVisibleAsync();

        // Printed, the page is the slip alone.
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(slip).ToBeVisibleAsync();
        await Expect(page.Locator("#counters-box")).ToBeHiddenAsync();
        await Expect(page.Locator("body > header")).ToBeHiddenAsync();
        await Expect(page.GetByTestId("print")).ToBeHiddenAsync();
        await page.EmulateMediaAsync(new() { Media = Media.Screen });

        // The kiosk ran out of paper mid-print: the ticket was voided, the reprint brings it back to its place.
        await using var kiosk = await HallDevices.Testing.Mqtt.ConnectAsync(Server.MqttPort, Sample.Kiosk);
        var failed = (await kiosk.RequestAsync("ticket", new { requestId = Guid.NewGuid().ToString("N"), serviceId = "consultation", channel = "kiosk" })).Number();
        var voided = await kiosk.RequestAsync("print-result", new { requestId = Guid.NewGuid().ToString("N"), ticketNumber = failed, ok = false, reason = "paper-out" });
        Assert.Equal("voided", voided.GetProperty("ticket").GetProperty("status").GetString());

        await input.FillAsync(failed);
        await page.Locator("#reprint button[type=submit]").ClickAsync();

        await Expect(slip.Locator("#slip-number")).ToHaveTextAsync(failed);
        var back = await integrator.GetFromJsonAsync<JsonElement>($"/api/halls/xinqiao/tickets/{failed}");
        Assert.Equal("waiting", back.GetProperty("ticket").GetProperty("status").GetString());

        await input.FillAsync("Z999");
        await input.PressAsync("Enter");

        var refusal = page.GetByTestId("reprint-error");
        await Expect(refusal).ToHaveTextAsync("今天没有票号 Z999，请核对号码。");
        await Expect(refusal).ToHaveAttributeAsync("data-code", "unknown-ticket");
        await Expect(slip).ToBeHiddenAsync();

        await page.GetByTestId("lang").ClickAsync();

        await Expect(refusal).ToHaveTextAsync("There is no ticket Z999 today. Please check the number.");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        Assert.Equal(new[] { $"HTTP 404 for POST {Server.BaseUri}api/halls/xinqiao/tickets/Z999/reprint" }, browser.Errors);
    }

    [Fact]
    public async Task A_window_staff_account_opening_the_dashboard_gets_a_403_page_in_chinese_and_english_that_points_to_the_console()
    {
        await using var browser = await SignInAsync("staff-w2");
        var page = browser.Page;

        await Expect(page.Locator("h1")).ToHaveTextAsync("仅限大厅主任和区县查看人员使用");
        await Expect(page.Locator(".refusal-text")).ToHaveTextAsync("管理看板供大厅主任和区县查看人员使用。窗口工作人员请使用窗口工作台。");
        await Expect(page.GetByTestId("to-console")).ToHaveAttributeAsync("href", "/console");
        await Expect(page.Locator("#board")).ToHaveCountAsync(0);

        var english = await page.GotoAsync(new Uri(Server.BaseUri, "/dashboard?lang=en").ToString());

        Assert.Equal(403, english!.Status);
        await Expect(page.Locator("h1")).ToHaveTextAsync("For hall managers and district viewers");
        await Expect(page.GetByTestId("to-console")).ToHaveTextAsync("Go to the window console");
        Assert.All(browser.Errors, e => Assert.StartsWith($"HTTP 403 for GET {Server.BaseUri}dashboard", e, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_district_viewer_sees_the_first_hall_read_only_without_the_reprint_form_and_picks_another_hall_which_is_then_pushed()
    {
        using var viewer = await StaffSessions.SignInAsync(Server.BaseUri, StaffSessions.DistrictViewer);
        var halls = (await viewer.GetFromJsonAsync<JsonElement>("/api/halls")).EnumerateArray()
            .Select(h => (Id: h.GetProperty("id").GetString()!, Name: h.GetProperty("name").GetString()!)).ToList();
        Assert.Equal(2, halls.Count);
        var (first, other) = (halls[0], halls[1]);
        await using var browser = await SignInAsync(StaffSessions.DistrictViewer);
        var page = browser.Page;
        await Expect(page).ToHaveURLAsync(new Regex("/dashboard$"));
        await Expect(page.Locator("#hall-name")).ToHaveTextAsync(first.Name);
        await Expect(page.GetByTestId("connection")).ToHaveAttributeAsync("data-state", "live");
        await Expect(page.Locator("#who")).ToHaveTextAsync(new Regex(" · 只读查看$"));
        await Expect(page.GetByTestId("reprint-form")).ToBeHiddenAsync();
        await Expect(page.Locator("#counters .counter")).ToHaveCountAsync(6);
        var picker = page.GetByTestId("hall-picker");
        await Expect(picker.Locator("option")).ToHaveTextAsync(halls.Select(h => h.Name).ToArray());
        await Expect(picker).ToHaveValueAsync(first.Id);

        await picker.SelectOptionAsync(other.Id);

        await Expect(page.Locator("#hall-name")).ToHaveTextAsync(other.Name);
        await Expect(page).ToHaveURLAsync(new Regex($"hall={other.Id}"));
        await Expect(page.GetByTestId("connection")).ToHaveAttributeAsync("data-state", "live");
        var issued = page.Locator("[data-figure='issued'] b");
        var before = (await viewer.GetFromJsonAsync<JsonElement>($"/api/halls/{other.Id}/snapshot")).GetProperty("today").GetProperty("issued").GetInt32();
        await Expect(issued).ToHaveTextAsync(before.ToString(CultureInfo.InvariantCulture));

        // A ticket taken in the picked hall shows there, pushed.
        await using var kiosk = await HallDevices.Testing.Mqtt.ConnectAsync(Server.MqttPort, other.Id == Sample.Hall ? Sample.Kiosk : DashboardHallFixture.OtherKiosk);
        var reply = await kiosk.RequestAsync(other.Id, "ticket", new { requestId = Guid.NewGuid().ToString("N"), serviceId = "consultation", channel = "kiosk" });
        Assert.Equal("ok", reply.Code());

        await Expect(issued).ToHaveTextAsync((before + 1).ToString(CultureInfo.InvariantCulture));
        await Expect(page.GetByTestId("reprint-form")).ToBeHiddenAsync();
        browser.AssertNoScriptErrors();
    }

    [Fact]
    public async Task When_the_server_goes_away_the_dashboard_says_the_connection_is_lost_and_comes_back_live_when_it_returns()
    {
        await using var browser = await SignInAsync(StaffSessions.Manager);
        var page = browser.Page;
        var connection = page.GetByTestId("connection");
        await Expect(connection).ToHaveAttributeAsync("data-state", "live");
        await Expect(connection).ToHaveTextAsync("实时");
        await Expect(page.Locator("#followups-box")).ToHaveAttributeAsync("data-loaded", "open"); // its first read is not cut off by the kill

        Server.KillHard();

        await Expect(connection).ToHaveAttributeAsync("data-state", "lost");
        await Expect(connection).ToHaveTextAsync("连接中断，正在重新连接…");

        await Server.StartAgainAsync();

        await Expect(connection).ToHaveAttributeAsync("data-state", "live");
        await Expect(page.Locator("#counters .counter")).ToHaveCountAsync(6);
        using var integrator = StaffSessions.Integrator(Server.BaseUri);
        var issued = page.Locator("[data-figure='issued'] b");
        var before = int.Parse((await issued.TextContentAsync())!, CultureInfo.InvariantCulture);
        await PostOkAsync(integrator, "/api/halls/xinqiao/tickets", new { serviceId = "consultation", channel = "mobile" });
        await Expect(issued).ToHaveTextAsync((before + 1).ToString(CultureInfo.InvariantCulture));

        // What the page met while the server was away is the live feed failing, nothing else.
        Assert.All(browser.Errors, e => Assert.Contains("/api/halls/xinqiao/live", e, StringComparison.Ordinal));
    }

    /// <summary>Opens the dashboard, is sent to the login page, and signs in there as a person would.</summary>
    private async Task<BrowserPage> SignInAsync(string staffId)
    {
        var browser = await chromium.OpenAsync(new Uri(Server.BaseUri, "/dashboard"), Width, Height);
        var page = browser.Page;
        await Expect(page).ToHaveURLAsync(new Regex(@"/staff/login\?returnUrl=%2Fdashboard$"));
        await page.Locator("input[name=username]").FillAsync(staffId);
        await page.Locator("input[name=password]").FillAsync(StaffSessions.SamplePassword(staffId));
        await page.Locator("button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(new Regex("/dashboard$"));
        return browser;
    }

    private static async Task<JsonElement> PostOkAsync(HttpClient http, string path, object? body = null)
    {
        using var response = await http.PostAsJsonAsync(path, body ?? new { });
        var reply = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, $"{path} answered {(int)response.StatusCode}: {reply}");
        return reply;
    }
}
