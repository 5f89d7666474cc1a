using System.Text.Json;
using HallDevices.QueueServer.Tests.Access;
using HallDevices.Testing.Ui;
using static Microsoft.Playwright.Assertions;

namespace HallDevices.QueueServer.Tests.ApiDocs;

/// <summary>
/// <c>/api/docs</c> in a real headless Chromium against a real queue-server: the page reads the
/// OpenAPI document and shows its operations by tag, in Chinese with an English switch.
/// </summary>
public sealed class ApiDocsPageTests(HeadlessChromium chromium, ServerFixture fixture) : IClassFixture<HeadlessChromium>, IClassFixture<ServerFixture>
{
    [Fact]
    public async Task The_docs_page_lists_the_documents_endpoints_by_tag_with_their_bodies_and_responses()
    {
        using var client = new HttpClient { BaseAddress = fixture.Server.BaseUri };
        using var doc = JsonDocument.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
        var operations = doc.RootElement.GetProperty("paths").EnumerateObject().Sum(p => p.Value.EnumerateObject().Count(o => o.Name is "get" or "post"));

        await using var browser = await chromium.OpenAsync(new Uri(fixture.Server.BaseUri, "/api/docs"), 1280, 900);
        var page = browser.Page;
        await Expect(page.GetByTestId("status")).ToHaveAttributeAsync("data-state", "loaded");
        await Expect(page.GetByTestId("status")).ToHaveTextAsync($"共 {operations} 个接口");
        await Expect(page.GetByTestId("op")).ToHaveCountAsync(operations);
        await Expect(page.Locator("#doc-title")).ToHaveTextAsync("HallDevices queue-server integration API");

        // The groups are the document's tags.
        foreach (var tag in new[] { "Hall", "Tickets", "Counters", "Ratings and follow-up", "Live", "Dashboard", "Reports", "Staff sessions", "Operations" })
        {
            await Expect(page.Locator($"[data-testid=tag][data-tag='{tag}'] > h2")).ToHaveTextAsync(tag);
        }

        var ticket = page.Locator("[data-testid=tag][data-tag='Tickets'] [data-op='POST /api/halls/{hallId}/tickets']");
        await Expect(ticket.Locator(".summary")).ToHaveTextAsync("Issue a ticket (remote or at the guide desk)");
        await Expect(ticket.Locator(".description")).ToContainTextAsync("capacity-reached");
        await Expect(ticket.GetByTestId("parameters")).ToContainTextAsync("hallId");
        await Expect(ticket.GetByTestId("body")).ToHaveTextAsync("application/json — TicketRequest");
        await Expect(ticket.Locator("[data-status='200']")).ToContainTextAsync("Reply");
        await Expect(ticket.Locator("[data-status='422']")).ToContainTextAsync("ErrorReply");
        await Expect(ticket.Locator(".lock")).ToContainTextAsync("apiKey");
        await Expect(page.Locator("[data-op='GET /api/halls/{hallId}/queues'] .lock")).ToHaveTextAsync("公开，无需认证");
        await Expect(page.GetByTestId("schemes")).ToContainTextAsync("X-Api-Key");

        // The page's own labels in English; the endpoints' texts stay as the document has them.
        await page.GetByTestId("lang").ClickAsync();
        await Expect(page.GetByTestId("status")).ToHaveTextAsync($"{operations} endpoints");
        await Expect(ticket.Locator("h4").Last).ToHaveTextAsync("Responses");
        await Expect(page.Locator("[data-op='GET /api/halls/{hallId}/queues'] .lock")).ToHaveTextAsync("Public: no authentication");
        browser.AssertNoScriptErrors();
    }
}
