using HallDevices.Testing.Ui;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HallDevices.Kiosk.Tests.EndToEnd;

/// <summary>
/// Both sample halls load and every one of their services can be reached at the kiosk by touch:
/// the page is walked through every category, sub-category and page, and the services seen are
/// exactly the hall file's, each once.
/// </summary>
internal static class Reachability
{
    public static async Task AssertEveryServiceReachableAsync(KioskHall hall, HeadlessChromium chromium, int expectedServices)
    {
        await hall.BackToStartAsync();
        await using var browser = await chromium.OpenAsync(hall.Kiosk.BaseUri, 1280, 800, touch: true);
        var page = browser.Page;
        await Expect(page.Screen()).ToHaveAttributeAsync("data-screen", "start");
        await Expect(page.Locator("#hall")).ToHaveTextAsync(hall.Hall.Name);
        Assert.Equal(expectedServices, hall.Hall.Services.Count);

        var seen = await page.WalkEveryCategoryAsync();

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(hall.Hall.Services.Select(s => s.Id).Order(), seen.Order());

        // And each one in the category the hall file puts it in, in the file's order.
        var expected = hall.Hall.Categories.SelectMany(c => c.Children.Count > 0 ? c.Children : [c]).SelectMany(c => hall.Hall.In(c.Id)).Select(s => s.Id);
        Assert.Equal(expected, seen);
        browser.AssertNoScriptErrors();
    }
}

[Collection("kiosk hall")]
public sealed class TownReachabilityTests(KioskHall hall, HeadlessChromium chromium) : IClassFixture<HeadlessChromium>
{
    [Fact]
    public Task Every_one_of_the_sample_towns_127_services_is_reachable_through_its_categories_and_pages() =>
        Reachability.AssertEveryServiceReachableAsync(hall, chromium, 127);
}

[Collection("village kiosk hall")]
public sealed class VillageReachabilityTests(VillageKioskHall hall, HeadlessChromium chromium) : IClassFixture<HeadlessChromium>
{
    [Fact]
    public Task Every_one_of_the_sample_villages_60_services_is_reachable_through_its_categories_and_pages() =>
        Reachability.AssertEveryServiceReachableAsync(hall, chromium, 60);
}
