using HallDevices.Testing;
using HallDevices.Testing.Ui;
using static HallDevices.QueueServer.Tests.RatingPages.RatingHall;
using static HallDevices.QueueServer.Tests.WindowConsole.ConsolePages;
using static Microsoft.Playwright.Assertions;

namespace HallDevices.QueueServer.Tests.RatingPages;

/// <summary>
/// 好差评 on the window console in a real headless Chromium against a real queue-server: after a
/// finish the staff member hands the panel to the citizen, who taps a level; a bad one with a reason
/// opens a follow-up case that the manager's dashboard lists, and shows overdue once the hall clock
/// is past its due date (the server restarted on the same data with the clock a week on).
/// </summary>
public sealed class ConsoleRatingTests(HeadlessChromium chromium) : IClassFixture<HeadlessChromium>
{
    [Fact]
    public async Task A_citizen_rates_dissatisfied_with_a_reason_on_the_console_and_the_follow_up_shows_on_the_dashboard_then_overdue_after_its_due_date()
    {
        var data = TempDir.Create("rating-console");
        string number;
        await using (var server = await StartAsync(Monday, data))
        {
            await using var console = await OpenSignedInAsync(chromium, server.BaseUri, "staff-w2");
            var page = console.Page;
            await SignInAtAsync(page, "w2");
            (number, _) = await IssueAsync(server);
            await Expect(page.Locator("#queue-list [data-queue='social'] .next")).ToContainTextAsync(number);
            await Expect(page.GetByTestId("rate-prompt")).ToBeHiddenAsync();

            await page.Button("call-next").ClickAsync();
            await Expect(page.Locator("#current")).ToHaveAttributeAsync("data-ticket", number);
            await page.Button("finish").ClickAsync();

            // The staff member offers the rating; the citizen sees the five national levels.
            var prompt = page.GetByTestId("rate-prompt");
            await Expect(prompt).ToHaveTextAsync($"请评价（{number}）");
            await prompt.ClickAsync();
            var dialog = page.GetByTestId("rate-dialog");
            await Expect(dialog).ToBeVisibleAsync();
            await Expect(dialog.Locator("#rate-ticket")).ToHaveTextAsync($"票号 {number}");
            await Expect(dialog.Locator("#rate-levels button")).ToHaveTextAsync(["非常满意", "满意", "基本满意", "不满意", "非常不满意"]);

            await dialog.Locator("#rate-levels button[data-score='2']").ClickAsync();
            await Expect(dialog.GetByTestId("rate-reasons").Locator("label")).ToHaveTextAsync(["等候时间过长", "服务态度不好", "告知不清、多次跑", "办理效率低", "不满意办理结果或政策"]);
            await dialog.Locator("label[data-reason='long-wait']").ClickAsync();
            await dialog.GetByTestId("rate-text").FillAsync("排队太久了");
            await dialog.GetByTestId("rate-submit").ClickAsync();
            await Expect(dialog.GetByTestId("rate-result")).ToHaveTextAsync("感谢您的评价");

            // Closed by itself; afterwards the staff member sees that the case was rated and the counts, not the level of this case.
            await Expect(dialog).ToBeHiddenAsync();
            await Expect(page.GetByTestId("message")).ToHaveTextAsync($"{number} 已评价");
            await Expect(dialog.Locator("#rate-levels button, #rate-reasons input")).ToHaveCountAsync(0);
            await Expect(prompt).ToBeHiddenAsync();
            var ratings = page.GetByTestId("ratings");
            await Expect(ratings.Locator("tr[data-row='counter'] td[data-score='2']")).ToHaveTextAsync("1");
            await Expect(ratings.Locator("tr[data-row='counter'] td.rated")).ToHaveTextAsync("1 / 1");
            await Expect(ratings.Locator("tr[data-row='staff'] td[data-score='2']")).ToHaveTextAsync("1");
            console.AssertNoScriptErrors();

            await using var dashboard = await OpenDashboardAsync(chromium, server);
            var row = dashboard.Page.Locator($"#followups tr[data-case='20261123-{number}']");
            await Expect(row).ToHaveAttributeAsync("data-overdue", "false");
            await Expect(row).ToContainTextAsync("不满意");
            await Expect(row).ToContainTextAsync("等候时间过长；“排队太久了”");
            await Expect(row.Locator("td[data-field=due]")).ToHaveTextAsync("2026-11-30");
            await Expect(dashboard.Page.Locator("#alerts [data-alert-kind='follow-up-overdue']")).ToHaveCountAsync(0);
            dashboard.AssertNoScriptErrors();
            Assert.Equal(0, await server.StopGracefullyAsync());
        }

        // Tuesday 1 December: the due date (Monday 30 November) has passed with nothing recorded.
        await using (var later = await StartAsync(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(8)), data))
        {
            await using var dashboard = await OpenDashboardAsync(chromium, later);
            var page = dashboard.Page;
            var row = page.Locator($"#followups tr[data-case='20261123-{number}']");
            await Expect(row).ToHaveAttributeAsync("data-overdue", "true");
            await Expect(row.Locator(".badge.overdue")).ToHaveTextAsync("已超期");
            await Expect(page.GetByTestId("followup-count")).ToHaveTextAsync("1 件超期");
            var alert = page.Locator($"#alerts [data-alert-kind='follow-up-overdue'][data-subject-id='20261123-{number}']");
            await Expect(alert).ToContainTextAsync($"差评回访超期：{number}（2号窗口，不满意）应于 2026-11-30 前办结，未回访");
            await Expect(alert).ToHaveAttributeAsync("data-severity", "warning");
            dashboard.AssertNoScriptErrors();
        }

        Directory.Delete(data, recursive: true);
    }

    [Fact]
    public async Task The_citizen_may_decline_and_the_panel_says_so_when_the_case_was_already_rated_on_the_evaluator()
    {
        await using var server = await StartAsync(Monday);
        await using var console = await OpenSignedInAsync(chromium, server.BaseUri, "staff-w2");
        var page = console.Page;
        await SignInAtAsync(page, "w2");
        var (number, _) = await IssueAsync(server);
        await Expect(page.Locator("#queue-list [data-queue='social'] .next")).ToContainTextAsync(number);
        await page.Keyboard.PressAsync("1");
        await Expect(page.Locator("#current")).ToHaveAttributeAsync("data-ticket", number);
        await page.Keyboard.PressAsync("4");

        // 暂不评价: nothing is sent, the prompt stays for when the citizen changes their mind.
        await page.GetByTestId("rate-prompt").ClickAsync();
        await page.GetByTestId("rate-skip").ClickAsync();
        await Expect(page.GetByTestId("rate-dialog")).ToBeHiddenAsync();
        await Expect(page.GetByTestId("rate-prompt")).ToBeVisibleAsync();

        // Meanwhile the counter's evaluator rated the case (MQTT, as the device does).
        await using (var evaluator = await HallDevices.Testing.Mqtt.ConnectAsync(server.MqttPort, Sample.Display))
        {
            var rated = await evaluator.RequestAsync("evaluate", new { requestId = Guid.NewGuid().ToString("N"), counterId = "w2", ticketNumber = number, score = 5 });
            Assert.Equal("ok", rated.Code());
        }

        await page.GetByTestId("rate-prompt").ClickAsync();
        await page.GetByTestId("rate-dialog").Locator("#rate-levels button[data-score='4']").ClickAsync();
        var result = page.GetByTestId("rate-result");
        await Expect(result).ToHaveAttributeAsync("data-code", "already-evaluated");
        await Expect(result).ToHaveTextAsync("这次服务已经评价过了，感谢您。");

        // In English for a citizen who asks: the switch on the panel itself.
        await page.GetByTestId("rate-lang").ClickAsync();
        await Expect(result).ToHaveTextAsync("This case has already been rated. Thank you.");
        await page.GetByTestId("rate-skip").ClickAsync();
        await Expect(page.GetByTestId("rate-dialog")).ToBeHiddenAsync();
        await Expect(page.GetByTestId("rate-prompt")).ToBeHiddenAsync();
        await Expect(page.GetByTestId("ratings").Locator("tr[data-row='counter'] td[data-score='5']")).ToHaveTextAsync("1");
        AssertOnlyRefusals(console, "HTTP 422 for POST");
    }
}
