using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using HallDevices.Testing;
using HallDevices.Testing.Ui;
using static Microsoft.Playwright.Assertions;

namespace HallDevices.QueueServer.Tests.RatingPages;

/// <summary>
/// What the 好差评 page tests share: a real queue-server of its own per test, on a hall clock set to
/// a known day (so due dates are known), and the hall's people doing what they do — an integrator
/// issuing, window staff serving over HTTP, a manager opening the dashboard through the login page.
/// </summary>
internal static class RatingHall
{
    public const string Hall = "xinqiao";
    public const int DashboardWidth = 1920;
    public const int DashboardHeight = 1400;

    /// <summary>Monday 23 November 2026, 09:00 in the hall: five working days later is Monday 30 November.</summary>
    public static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8));

    private static int _person;

    /// <summary>
    /// Starts a server on <paramref name="dataDir"/> whose hall clock reads <paramref name="clockStart"/>
    /// now and runs at <paramref name="speed"/>; <paramref name="hallFile"/> replaces the sample hall.
    /// </summary>
    public static Task<ServerProcess> StartAsync(DateTimeOffset clockStart, string? dataDir = null, string? hallFile = null, int speed = 1)
    {
        var settings = new Dictionary<string, string>
        {
            ["Clock:Start"] = clockStart.ToString("O"),
            ["Clock:Speed"] = speed.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (hallFile is not null)
        {
            settings["Hall:ConfigFile"] = hallFile;
        }

        return ServerProcess.StartAsync(dataDir, settings);
    }

    /// <summary>Issues a ticket as the booking platform does; returns its number and its tracking link (with the token).</summary>
    public static async Task<(string Number, Uri TrackUrl)> IssueAsync(ServerProcess server, string serviceId = "medical-insurance")
    {
        using var integrator = StaffSessions.Integrator(server.BaseUri);
        using var response = await integrator.PostAsJsonAsync($"/api/halls/{Hall}/tickets", new { serviceId, channel = "mobile", idNumber = $"110105198002{Interlocked.Increment(ref _person):000000}" });
        var reply = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, reply.ToString());
        var ticket = reply.GetProperty("ticket");
        return (ticket.GetProperty("number").GetString()!, new Uri(ticket.GetProperty("trackUrl").GetString()!));
    }

    /// <summary>POSTs as <paramref name="http"/> and asserts the reply is ok.</summary>
    public static async Task<JsonElement> PostOkAsync(HttpClient http, string path, object? body = null)
    {
        using var response = await http.PostAsJsonAsync(new Uri(path, UriKind.Relative), body ?? new { });
        var reply = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode && reply.GetProperty("ok").GetBoolean(), $"POST {path}: {(int)response.StatusCode} {reply}");
        return reply;
    }

    /// <summary>Window staff signed in at <paramref name="counterId"/> calls the next ticket and finishes it; returns its number.</summary>
    public static async Task<string> CallAndFinishAsync(HttpClient staff, string counterId)
    {
        var called = await PostOkAsync(staff, $"/api/halls/{Hall}/counters/{counterId}/call-next");
        await PostOkAsync(staff, $"/api/halls/{Hall}/counters/{counterId}/finish");
        return called.GetProperty("ticket").GetProperty("number").GetString()!;
    }

    /// <summary>Opens /dashboard signed out, signs in as <paramref name="staffId"/> on the login page and waits for the live feed.</summary>
    public static async Task<BrowserPage> OpenDashboardAsync(HeadlessChromium chromium, ServerProcess server, string staffId = StaffSessions.Manager)
    {
        var browser = await chromium.OpenAsync(new Uri(server.BaseUri, "/dashboard"), DashboardWidth, DashboardHeight);
        var page = browser.Page;
        await page.Locator("input[name=username]").FillAsync(staffId);
        await page.Locator("input[name=password]").FillAsync(StaffSessions.SamplePassword(staffId));
        await page.Locator("button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(new Regex("/dashboard$"));
        await Expect(page.GetByTestId("connection")).ToHaveAttributeAsync("data-state", "live");
        return browser;
    }

    /// <summary>The follow-up cases of the hall as the manager's API lists them.</summary>
    public static async Task<List<JsonElement>> FollowUpsAsync(ServerProcess server, string state = "all")
    {
        using var manager = await StaffSessions.SignInAsync(server.BaseUri, StaffSessions.Manager);
        var list = await manager.GetFromJsonAsync<JsonElement>($"/api/halls/{Hall}/follow-ups?state={state}");
        return list.EnumerateArray().Select(e => e.Clone()).ToList();
    }
}
