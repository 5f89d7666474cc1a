using System.Net.Http.Json;
using System.Text.Json;
using HallDevices.Testing;
using HallDevices.Testing.Ui;
using static HallDevices.QueueServer.Tests.WindowConsole.ConsolePages;
using static Microsoft.Playwright.Assertions;

namespace HallDevices.QueueServer.Tests.WindowConsole;

/// <summary>The console while its server goes away and comes back: a server of its own, killed and restarted on the same data and port.</summary>
public sealed class ConsoleReconnectTests(HeadlessChromium chromium) : IClassFixture<HeadlessChromium>
{
    [Fact]
    public async Task While_the_server_is_down_the_console_says_the_connection_is_lost_and_it_recovers_by_itself_when_the_server_is_back()
    {
        await using var server = await ServerProcess.StartAsync();
        await using var browser = await OpenSignedInAsync(chromium, server.BaseUri, "staff-w1");
        var page = browser.Page;
        await SignInAtAsync(page, "w1");
        await Expect(page.GetByTestId("offline")).ToBeHiddenAsync();

        server.KillHard();

        await Expect(page.GetByTestId("offline")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("offline")).ToHaveTextAsync("连接中断，正在重新连接…");
        await Expect(page.GetByTestId("link")).ToHaveAttributeAsync("data-state", "lost");

        await server.StartAgainAsync();

        await Expect(page.GetByTestId("link")).ToHaveAttributeAsync("data-state", "live");
        await Expect(page.GetByTestId("offline")).ToBeHiddenAsync();

        // The new stream pushes, and the session (and its anti-forgery token) outlived the restart.
        using var integrator = StaffSessions.Integrator(server.BaseUri);
        using var issued = await integrator.PostAsJsonAsync("/api/halls/xinqiao/tickets", new { serviceId = "medical-insurance", channel = "mobile", idNumber = "110105198001019999" });
        var number = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ticket").GetProperty("number").GetString()!;
        await Expect(page.Locator("#queue-list [data-queue='social'] .next")).ToContainTextAsync(number);
        await page.Button("call-next").ClickAsync();
        await Expect(page.Locator("#current")).ToHaveAttributeAsync("data-ticket", number);
        AssertOnlyRefusals(browser, "request failed: GET " + new Uri(server.BaseUri, "/api/halls/xinqiao/live"));
    }
}
