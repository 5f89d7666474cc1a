using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HallDevices.Kiosk.Tests.EndToEnd;

/// <summary>How a citizen moves through the touch page, tap by tap, as the tests do it.</summary>
internal static class KioskPages
{
    public static ILocator Screen(this IPage page) => page.Locator("#screen");

    /// <summary>The service buttons of the current page of a list or of search results.</summary>
    public static ILocator ListedServices(this IPage page) => page.Screen().Locator("[data-testid=services] button[data-service]");

    public static async Task<string[]> ListedIdsAsync(this IPage page) =>
        await page.ListedServices().EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.service)");

    /// <summary>From the start screen, taps the category tiles down to the list holding <paramref name="service"/>.</summary>
    public static async Task OpenListOfAsync(this IPage page, SampleHall hall, HallService service)
    {
        var path = hall.PathTo(service);
        for (var i = 0; i < path.Count; i++)
        {
            await page.Screen().Locator($"button[data-category='{path[i].Id}']").TapAsync();
            await Expect(page.Screen()).ToHaveAttributeAsync("data-screen", i == path.Count - 1 ? "list" : "category");
            await Expect(page.Screen().GetByTestId("title")).ToHaveTextAsync(path[i].Name);
        }
    }

    /// <summary>Pages on (下一页) until <paramref name="serviceId"/> is listed; returns the page it is on (1-based).</summary>
    public static async Task<int> PageToAsync(this IPage page, string serviceId)
    {
        while (true)
        {
            var info = page.Screen().GetByTestId("page-info");
            var at = int.Parse((await info.GetAttributeAsync("data-page"))!, System.Globalization.CultureInfo.InvariantCulture);
            if ((await page.ListedIdsAsync()).Contains(serviceId))
            {
                return at;
            }

            var next = page.Screen().Locator("[data-action='next-page']");
            Assert.True(await next.IsEnabledAsync(), $"{serviceId} is on no page of this list");
            await next.TapAsync();
            await Expect(info).ToHaveAttributeAsync("data-page", (at + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Every service id of the list on screen, page by page from the first.</summary>
    public static async Task<List<string>> AllPagesAsync(this IPage page)
    {
        var info = page.Screen().GetByTestId("page-info");
        await Expect(info).ToHaveAttributeAsync("data-page", "1");
        var pages = int.Parse((await info.GetAttributeAsync("data-pages"))!, System.Globalization.CultureInfo.InvariantCulture);
        var ids = new List<string>(await page.ListedIdsAsync());
        for (var p = 2; p <= pages; p++)
        {
            await page.Screen().Locator("[data-action='next-page']").TapAsync();
            await Expect(info).ToHaveAttributeAsync("data-page", p.ToString(System.Globalization.CultureInfo.InvariantCulture));
            ids.AddRange(await page.ListedIdsAsync());
        }

        await Expect(page.Screen().Locator("[data-action='next-page']")).ToBeDisabledAsync();
        return ids;
    }

    /// <summary>
    /// Walks the whole catalogue the way a citizen could: every category tile, every sub-category
    /// tile, every page of every list, back each time. Returns the service ids seen, in the order seen.
    /// </summary>
    public static async Task<List<string>> WalkEveryCategoryAsync(this IPage page)
    {
        var seen = new List<string>();
        var tops = await page.TileIdsAsync();
        Assert.NotEmpty(tops);
        foreach (var top in tops)
        {
            await page.Screen().Locator($"button[data-category='{top}']").TapAsync();
            await Expect(page.Screen()).ToHaveAttributeAsync("data-screen", new System.Text.RegularExpressions.Regex("^(category|list)$"));
            if (await page.Screen().GetAttributeAsync("data-screen") == "category")
            {
                foreach (var child in await page.TileIdsAsync())
                {
                    await page.Screen().Locator($"button[data-category='{child}']").TapAsync();
                    await Expect(page.Screen()).ToHaveAttributeAsync("data-screen", "list");
                    seen.AddRange(await page.AllPagesAsync());
                    await page.BackAsync("category");
                }
            }
            else
            {
                seen.AddRange(await page.AllPagesAsync());
            }

            await page.BackAsync("start");
        }

        return seen;
    }

    /// <summary>Taps 返回 and waits for <paramref name="screen"/>.</summary>
    public static async Task BackAsync(this IPage page, string screen)
    {
        await page.Screen().Locator("[data-action='back']").TapAsync();
        await Expect(page.Screen()).ToHaveAttributeAsync("data-screen", screen);
    }

    private static async Task<string[]> TileIdsAsync(this IPage page) =>
        await page.Screen().Locator("button.tile[data-category]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.category)");
}
