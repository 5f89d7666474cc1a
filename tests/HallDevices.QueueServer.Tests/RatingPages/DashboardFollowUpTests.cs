using System.Text.RegularExpressions;
using HallDevices.Testing;
using HallDevices.Testing.Ui;
using static HallDevices.QueueServer.Tests.RatingPages.RatingHall;
using static Microsoft.Playwright.Assertions;

namespace HallDevices.QueueServer.Tests.RatingPages;

/// <summary>
/// The dashboard's 差评回访整改 panel in a real headless Chromium against a real queue-server: the
/// manager records the call-back, the rectification and the citizen's satisfaction until the case
/// closes; a rating appealed by the manager is reviewed by the district viewer. What the page shows
/// is checked against what the follow-up API then says.
/// </summary>
public sealed class DashboardFollowUpTests(HeadlessChromium chromium) : IClassFixture<HeadlessChromium>
{
    [Fact]
    public async Task The_manager_records_call_back_rectification_and_satisfaction_on_the_dashboard_and_the_case_closes()
    {
        await using var server = await StartAsync(Monday);
        var number = await RatedBadAsync(server, 2, ["long-wait"]);
        await using var browser = await OpenDashboardAsync(chromium, server);
        var page = browser.Page;
        var row = page.Locator($"#followups tr[data-case='20261123-{number}']");
        await Expect(row.Locator(".steps li")).ToHaveTextAsync(["未回访", "未整改", "未记录满意度"]);
        var form = page.GetByTestId("followup-form");

        await row.GetByTestId("followup-open").ClickAsync();
        await Expect(form.Locator("#followup-form-title")).ToHaveTextAsync($"{number} · 不满意");
        await Expect(form.GetByTestId("fu-step-submit")).ToHaveTextAsync("记录回访");
        await Expect(form.GetByTestId("fu-review")).ToBeHiddenAsync(); // nothing appealed
        await form.GetByTestId("fu-step-note").FillAsync("已电话联系群众，反映取号后等候 50 分钟");
        await form.GetByTestId("fu-step-submit").ClickAsync();
        await Expect(form).ToBeHiddenAsync();
        await Expect(row.Locator(".steps li[data-step='call-back']")).ToHaveTextAsync(new Regex(@"^已回访 11-23 \d\d:\d\d$"));

        await row.GetByTestId("followup-open").ClickAsync();
        await Expect(form.GetByTestId("fu-step-submit")).ToHaveTextAsync("记录整改");
        await Expect(form.GetByTestId("fu-satisfaction")).ToBeHiddenAsync();
        await form.GetByTestId("fu-step-note").FillAsync("高峰时段增开 6 号综合窗口");
        await form.GetByTestId("fu-step-submit").ClickAsync();
        await Expect(row.Locator(".steps li[data-step='rectification']")).ToHaveAttributeAsync("data-done", "true");

        await row.GetByTestId("followup-open").ClickAsync();
        await Expect(form.GetByTestId("fu-step-submit")).ToHaveTextAsync("记录满意度并办结");
        await form.GetByTestId("fu-satisfaction").SelectOptionAsync("basically-satisfied");
        await form.GetByTestId("fu-step-submit").ClickAsync();

        // Closed: gone from the open cases, listed with the closed ones.
        await Expect(row).ToHaveCountAsync(0);
        await page.GetByTestId("followup-state").SelectOptionAsync("closed");
        await Expect(row).ToHaveAttributeAsync("data-closed", "true");
        await Expect(row.Locator(".badge.closed")).ToHaveTextAsync("已办结");
        await Expect(row.Locator(".steps li[data-step='satisfaction']")).ToHaveTextAsync("整改满意度：基本满意");
        await Expect(row.GetByTestId("followup-open")).ToHaveCountAsync(0);

        var recorded = Assert.Single(await FollowUpsAsync(server, "closed"));
        Assert.Equal("已电话联系群众，反映取号后等候 50 分钟", recorded.GetProperty("callBackNote").GetString());
        Assert.Equal("高峰时段增开 6 号综合窗口", recorded.GetProperty("rectificationNote").GetString());
        Assert.Equal("basically-satisfied", recorded.GetProperty("satisfaction").GetString());
        Assert.True(recorded.GetProperty("closed").GetBoolean());
        browser.AssertNoScriptErrors();
    }

    [Fact]
    public async Task A_rating_the_manager_appeals_as_mistaken_is_upheld_by_the_district_viewer_and_closes_with_the_rating_kept()
    {
        await using var server = await StartAsync(Monday);
        var number = await RatedBadAsync(server, 1, []);
        var id = $"20261123-{number}";
        await using (var manager = await OpenDashboardAsync(chromium, server))
        {
            var page = manager.Page;
            var row = page.Locator($"#followups tr[data-case='{id}']");
            await row.GetByTestId("followup-open").ClickAsync();
            var form = page.GetByTestId("followup-form");
            await Expect(form.GetByTestId("fu-appeal")).ToBeVisibleAsync();
            await form.GetByTestId("fu-appeal-reason").SelectOptionAsync("mistaken");
            await form.Locator("#fu-appeal-note").FillAsync("群众表示误按了评价键");
            await form.GetByTestId("fu-appeal-submit").ClickAsync();
            await Expect(row.Locator("td[data-field=appeal]")).ToHaveTextAsync("待复核（误评）");
            manager.AssertNoScriptErrors();
        }

        await using var district = await OpenDashboardAsync(chromium, server, StaffSessions.DistrictViewer);
        var dpage = district.Page;
        var drow = dpage.Locator($"#followups tr[data-case='{id}']");
        await drow.GetByTestId("followup-open").ClickAsync();
        var dform = dpage.GetByTestId("followup-form");
        await Expect(dform.GetByTestId("fu-step")).ToBeHiddenAsync(); // the district reviews; the hall records its steps
        await Expect(dform.GetByTestId("fu-appeal")).ToBeHiddenAsync();
        await dform.Locator("#fu-review-note").FillAsync("经核实监控，属误评");
        await dform.GetByTestId("fu-uphold").ClickAsync();

        await Expect(drow).ToHaveCountAsync(0);
        await dpage.GetByTestId("followup-state").SelectOptionAsync("all");
        await Expect(drow.Locator("td[data-field=appeal]")).ToHaveTextAsync("申诉成立（误评）");
        await Expect(drow).ToHaveAttributeAsync("data-closed", "true");
        await Expect(drow.Locator(".level")).ToHaveTextAsync("非常不满意"); // never deleted

        // English for the district office.
        await dpage.GetByTestId("lang").ClickAsync();
        await Expect(drow.Locator("td[data-field=appeal]")).ToHaveTextAsync("upheld (mistaken)");
        await Expect(drow.Locator(".level")).ToHaveTextAsync("Very dissatisfied");
        var reviewed = Assert.Single(await FollowUpsAsync(server));
        Assert.Equal(("upheld", "经核实监控，属误评"), (reviewed.GetProperty("appeal").GetString(), reviewed.GetProperty("reviewNote").GetString()));
        district.AssertNoScriptErrors();
    }

    /// <summary>A ticket served at w2 and rated <paramref name="score"/> on its console (over HTTP, as the page does); returns its number.</summary>
    private static async Task<string> RatedBadAsync(ServerProcess server, int score, string[] reasonIds)
    {
        await IssueAsync(server);
        using var staff = await StaffSessions.SignInAsync(server.BaseUri, "staff-w2");
        await PostOkAsync(staff, $"/api/halls/{Hall}/counters/w2/login");
        var number = await CallAndFinishAsync(staff, "w2");
        await PostOkAsync(staff, $"/api/halls/{Hall}/counters/w2/evaluation", new { ticketNumber = number, score, reasonIds });
        return number;
    }
}
