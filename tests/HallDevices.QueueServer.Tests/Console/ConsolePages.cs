using HallDevices.Testing;
using HallDevices.Testing.Ui;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

// Not "...Tests.Console": a namespace of that name would hide System.Console in every test namespace.
namespace HallDevices.QueueServer.Tests.WindowConsole;

/// <summary>How a staff member gets to their console: open /console, be sent to the real sign-in page, sign in, come back.</summary>
internal static class ConsolePages
{
    public const int Width = 1280;
    public const int Height = 900;

    /// <summary>Opens <c>/console{query}</c> signed out, signs in through the login form and waits for the live feed.</summary>
    public static async Task<BrowserPage> OpenSignedInAsync(HeadlessChromium chromium, Uri baseUri, string staffId, string query = "")
    {
        var browser = await chromium.OpenAsync(new Uri(baseUri, "/console" + query), Width, Height);
        var page = browser.Page;
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/staff/login\\?returnUrl=%2Fconsole"));
        await page.Locator("input[name=username]").FillAsync(staffId);
        await page.Locator("input[name=password]").FillAsync(StaffSessions.SamplePassword(staffId));
        await page.Locator("button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/console(\\?|$)"));
        await Expect(page.GetByTestId("link")).ToHaveAttributeAsync("data-state", "live");
        return browser;
    }

    /// <summary>Chooses <paramref name="counterId"/> and signs in at it; the work panel of that counter appears.</summary>
    public static async Task SignInAtAsync(IPage page, string counterId)
    {
        await page.Locator("#counter-select").SelectOptionAsync(counterId);
        await page.Locator("#counter-login").ClickAsync();
        await Expect(page.Locator("#work")).ToHaveAttributeAsync("data-counter", counterId);
        await Expect(page.Locator("#counter-status")).ToHaveAttributeAsync("data-status", "idle");

        // The pushed snapshot can come before the reply to the sign-in; a test that acts next (or kills the server) waits for both.
        await Expect(page.GetByTestId("message")).ToHaveAttributeAsync("data-code", "done-login");
        await Expect(page.GetByTestId("ratings")).ToHaveAttributeAsync("data-counter", counterId); // and the counter's rating counts, read once it works there
    }

    /// <summary>The page met no error other than the refusals the test provoked (e.g. <c>HTTP 422 for POST</c>).</summary>
    public static void AssertOnlyRefusals(BrowserPage browser, params string[] expected)
    {
        var other = browser.Errors.Where(e => !expected.Any(x => e.StartsWith(x, StringComparison.Ordinal))).ToList();
        Assert.True(other.Count == 0, "the page reported errors:\n" + string.Join('\n', other));
    }

    public static ILocator Button(this IPage page, string action) => page.Locator($"#work button[data-action='{action}']");
}
