using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HallDevices.Testing;
using HallDevices.Testing.Ui;
using static HallDevices.QueueServer.Tests.RatingPages.RatingHall;
using static Microsoft.Playwright.Assertions;

namespace HallDevices.QueueServer.Tests.RatingPages;

/// <summary>
/// Rating on the citizen's phone: the tracking page of the QR link (with its token) in a real
/// headless Chromium on a phone-sized touch viewport, plain HTML forms without script, against a
/// real queue-server.
/// </summary>
public sealed class TrackingRatingTests(HeadlessChromium chromium) : IClassFixture<HeadlessChromium>
{
    private const int PhoneWidth = 390;
    private const int PhoneHeight = 844;

    [Fact]
    public async Task A_finished_ticket_is_rated_once_on_its_tracking_page_and_then_shows_its_level()
    {
        await using var server = await StartAsync(Monday);
        var (number, track) = await IssueAsync(server);
        Assert.Contains("?k=", track.Query, StringComparison.Ordinal);
        await using var phone = await chromium.OpenAsync(track, PhoneWidth, PhoneHeight, touch: true);
        var page = phone.Page;
        await Expect(page.Locator(".status")).ToContainTextAsync("前面还有");
        await Expect(page.GetByTestId("rating")).ToHaveTextAsync("办结后可在此页面对本次服务作出评价。");

        using var staff = await StaffSessions.SignInAsync(server.BaseUri, "staff-w2");
        await PostOkAsync(staff, $"/api/halls/{Hall}/counters/w2/login");
        Assert.Equal(number, await CallAndFinishAsync(staff, "w2"));

        await page.ReloadAsync();
        var rating = page.GetByTestId("rating");
        await Expect(rating.Locator(".level")).ToHaveTextAsync(["非常满意", "满意", "基本满意", "不满意", "非常不满意"]);
        await Expect(page.Locator("meta[http-equiv=refresh]")).ToHaveCountAsync(0); // a refresh would wipe the form
        await rating.Locator("button[data-score='4']").TapAsync();

        await Expect(page).ToHaveURLAsync(track.ToString());
        await Expect(rating.Locator(".done")).ToHaveTextAsync("已评价：满意");
        await Expect(rating.Locator("form")).ToHaveCountAsync(0);

        // Once only: the same link posting again is refused, and the page stays as it is.
        using var again = new HttpClient();
        using var refused = await again.PostAsJsonAsync(new Uri(track.GetLeftPart(UriPartial.Path) + "/evaluation" + track.Query), new { score = 1 });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("already-evaluated", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("code").GetString());
        await page.ReloadAsync();
        await Expect(rating.Locator(".done")).ToHaveAttributeAsync("data-score", "4");

        // In English, with the link on the page; the language stays for the next visit.
        await page.Locator("a.lang").TapAsync();
        await Expect(rating.Locator(".done")).ToHaveTextAsync("Rated: Satisfied");
        await page.GotoAsync(track.ToString());
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        phone.AssertNoScriptErrors();
    }

    [Fact]
    public async Task A_very_dissatisfied_rating_on_the_phone_asks_for_reasons_and_opens_a_follow_up_with_them()
    {
        await using var server = await StartAsync(Monday);
        var (number, track) = await IssueAsync(server);
        using var staff = await StaffSessions.SignInAsync(server.BaseUri, "staff-w2");
        await PostOkAsync(staff, $"/api/halls/{Hall}/counters/w2/login");
        await CallAndFinishAsync(staff, "w2");
        await using var phone = await chromium.OpenAsync(track, PhoneWidth, PhoneHeight, touch: true);
        var page = phone.Page;
        var rating = page.GetByTestId("rating");

        await rating.Locator("a[data-score='1']").TapAsync();
        await Expect(rating.Locator("form.reasons p")).ToHaveTextAsync("您选择了“非常不满意”。请告诉我们哪里做得不好（可多选）：");
        await rating.Locator("input[value='attitude']").CheckAsync();
        await rating.Locator("input[value='slow-handling']").CheckAsync();
        await rating.Locator("textarea[name=reasonText]").FillAsync("窗口人员一直在看手机");
        await rating.Locator("form.reasons button[type=submit]").TapAsync();

        await Expect(rating.Locator(".done")).ToHaveTextAsync("已评价：非常不满意");
        var followUp = Assert.Single(await FollowUpsAsync(server), f => f.GetProperty("number").GetString() == number);
        Assert.Equal(1, followUp.GetProperty("score").GetInt32());
        Assert.Equal(["attitude", "slow-handling"], followUp.GetProperty("reasonIds").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("窗口人员一直在看手机", followUp.GetProperty("reasonText").GetString());
        Assert.Equal("2026-11-30", followUp.GetProperty("dueDate").GetString());
        phone.AssertNoScriptErrors();
    }

    [Fact]
    public async Task After_the_rating_window_the_tracking_page_says_rating_closed_not_rated_and_a_wrong_token_rates_nothing()
    {
        // A hall whose window is one minute, on a clock 60 times real time: the window passes in a second.
        var halls = TempDir.Create("rating-window");
        var hallFile = Path.Combine(halls, "xinqiao.json");
        var sample = await File.ReadAllTextAsync(Repo.SampleHallFile);
        Assert.Contains("\"windowMinutes\": 1440", sample, StringComparison.Ordinal);
        await File.WriteAllTextAsync(hallFile, sample.Replace("\"windowMinutes\": 1440", "\"windowMinutes\": 1", StringComparison.Ordinal));
        await using var server = await StartAsync(Monday, hallFile: hallFile, speed: 60);
        var (_, track) = await IssueAsync(server);
        using var staff = await StaffSessions.SignInAsync(server.BaseUri, "staff-w2");
        await PostOkAsync(staff, $"/api/halls/{Hall}/counters/w2/login");
        await CallAndFinishAsync(staff, "w2");
        await using var phone = await chromium.OpenAsync(track, PhoneWidth, PhoneHeight, touch: true);
        var page = phone.Page;

        // The page does not refresh a finished ticket by itself: the citizen opens it again.
        var closed = page.GetByTestId("rating").Locator(".done[data-state='closed']");
        var deadline = DateTime.UtcNow + HeadlessChromium.Patience;
        while (await closed.CountAsync() == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the rating window never closed on the page: " + await page.GetByTestId("rating").InnerTextAsync());
            await Task.Delay(250);
            await page.ReloadAsync();
        }

        await Expect(closed).ToHaveTextAsync("评价已截止（未评）");

        // A link with another token is not this ticket's: no form, 404, and nothing is rated.
        var forged = new Uri(track.GetLeftPart(UriPartial.Path) + "?k=AAAAAAAAAAAAAAAAAAAAAA");
        var response = await page.GotoAsync(forged.ToString());
        Assert.Equal(404, response!.Status);
        await Expect(page.GetByTestId("rating")).ToHaveCountAsync(0);
        await Expect(page.Locator("body")).ToContainTextAsync("这个链接对应的服务已过评价期限，或链接有误。");
        Assert.Equal([$"HTTP 404 for GET {forged}"], phone.Errors);
        Directory.Delete(halls, recursive: true);
    }
}
