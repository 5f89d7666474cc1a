using HallDevices.Testing.Ui;
using static Microsoft.Playwright.Assertions;

namespace HallDevices.Kiosk.Tests.EndToEnd;

/// <summary>
/// Browsing happens in the page, so the kiosk hears of it only through /api/touch: a citizen
/// tapping through the lists is never cut off, and one who walks away leaves the next citizen the
/// start screen (this hall's idle timeout is 5 s).
/// </summary>
[Collection("text printer hall")]
public sealed class KioskIdleBrowsingTests(TextPrinterHall hall, HeadlessChromium chromium) : IClassFixture<HeadlessChromium>
{
    [Fact]
    public async Task A_citizen_tapping_through_the_pages_keeps_the_list_and_one_who_walks_away_leaves_the_start_screen()
    {
        await hall.BackToStartAsync();
        await using var browser = await chromium.OpenAsync(hall.Kiosk.BaseUri, 1280, 800, touch: true);
        var page = browser.Page;
        var town = SampleHall.Town;
        var sub = town.Categories.SelectMany(c => c.Children).First(c => town.In(c.Id).Count > 8);
        await page.OpenListOfAsync(town, town.In(sub.Id)[0]);
        await page.GetByTestId("elderly").TapAsync(); // 4 a page: more pages to tap through

        // Nine seconds of tapping, well past the 5 s timeout: still on the list.
        var until = DateTime.UtcNow.AddSeconds(9);
        var forward = true;
        while (DateTime.UtcNow < until)
        {
            await page.Screen().Locator(forward ? "[data-action='next-page']" : "[data-action='prev-page']").TapAsync();
            forward = !forward;
            await Task.Delay(1500);
        }

        await Expect(page.Screen()).ToHaveAttributeAsync("data-screen", "list");
        Assert.True((await hall.StateAsync()).GetProperty("view").GetProperty("elderly").GetBoolean());

        // Then nobody touches it: the kiosk forgets the citizen and the page starts over, in normal mode.
        await Expect(page.Screen()).ToHaveAttributeAsync("data-screen", "start", new() { Timeout = 15_000 });
        await Expect(page.Screen().GetByTestId("categories")).ToBeVisibleAsync();
        await Expect(page.Locator("body")).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\belderly\b"));
        browser.AssertNoScriptErrors();
    }
}
