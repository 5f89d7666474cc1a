using System.Globalization;
using HallDevices.Testing;
using HallDevices.Testing.Ui;
using Microsoft.Playwright;
using static HallDevices.QueueServer.Tests.RatingPages.RatingHall;
using static Microsoft.Playwright.Assertions;

namespace HallDevices.QueueServer.Tests.RatingPages;

/// <summary>
/// The dashboard's 报表 panel in a real headless Chromium against a real queue-server: the day's and
/// the month's report of a hall that served and rated tickets, its key figures, its four charts as
/// images that really decode, and the CSV and PDF it links to.
/// </summary>
public sealed class ReportPanelTests(HeadlessChromium chromium) : IClassFixture<HeadlessChromium>
{
    private static readonly string[] Charts = ["hourly", "waits", "counters", "ratings"];

    [Fact]
    public async Task The_report_panel_shows_the_days_figures_and_four_charts_that_load_and_links_the_csv_and_pdf()
    {
        await using var server = await StartAsync(Monday);
        using (var staff = await StaffSessions.SignInAsync(server.BaseUri, "staff-w2"))
        {
            await PostOkAsync(staff, $"/api/halls/{Hall}/counters/w2/login");
            await IssueAsync(server);
            await IssueAsync(server);
            var first = await CallAndFinishAsync(staff, "w2");
            await CallAndFinishAsync(staff, "w2");
            await PostOkAsync(staff, $"/api/halls/{Hall}/counters/w2/evaluation", new { ticketNumber = first, score = 5 });
        }

        await using var browser = await OpenDashboardAsync(chromium, server);
        var page = browser.Page;
        await Expect(page.GetByTestId("report-day")).ToHaveValueAsync("2026-11-23"); // today on the hall clock
        await page.Locator("#report-period button[type=submit]").ClickAsync();

        var box = page.Locator("#reports-box");
        await Expect(box).ToHaveAttributeAsync("data-period", "day=2026-11-23");
        var figures = page.GetByTestId("report-figures");
        await Expect(figures.Locator("[data-report-figure='issued'] b")).ToHaveTextAsync("2");
        await Expect(figures.Locator("[data-report-figure='served'] b")).ToHaveTextAsync("2");
        await Expect(figures.Locator("[data-report-figure='evaluationRate'] b")).ToHaveTextAsync("50.0%");
        await Expect(figures.Locator("[data-report-figure='goodRate'] b")).ToHaveTextAsync("100.0%");
        await Expect(figures.Locator("[data-report-figure='evaluationRate'] span")).ToHaveTextAsync("评价率");
        await AssertChartsLoadedAsync(page, "day=2026-11-23");

        // The downloads are the same report as files, with the session the page has.
        Assert.EndsWith("/api/halls/xinqiao/reports?day=2026-11-23&format=csv", await page.GetByTestId("report-csv").GetAttributeAsync("href"), StringComparison.Ordinal);
        var csv = await page.APIRequest.GetAsync(new Uri(server.BaseUri, (await page.GetByTestId("report-csv").GetAttributeAsync("href"))!).ToString());
        Assert.Equal(200, csv.Status);
        Assert.StartsWith("text/csv", csv.Headers["content-type"], StringComparison.Ordinal);
        Assert.Equal([0xEF, 0xBB, 0xBF], (await csv.BodyAsync()).Take(3));
        var pdf = await page.APIRequest.GetAsync(new Uri(server.BaseUri, (await page.GetByTestId("report-pdf").GetAttributeAsync("href"))!).ToString());
        Assert.Equal(200, pdf.Status);
        Assert.Equal("%PDF"u8.ToArray(), (await pdf.BodyAsync()).Take(4));

        // The month, in English.
        await page.GetByTestId("lang").ClickAsync();
        await page.GetByTestId("report-kind").SelectOptionAsync("month");
        await Expect(page.GetByTestId("report-month")).ToHaveValueAsync("2026-11");
        await page.Locator("#report-period button[type=submit]").ClickAsync();
        await Expect(box).ToHaveAttributeAsync("data-period", "month=2026-11");
        await Expect(figures.Locator("[data-report-figure='evaluationRate'] span")).ToHaveTextAsync("Evaluation rate");
        await Expect(figures.Locator("[data-report-figure='served'] b")).ToHaveTextAsync("2");
        await AssertChartsLoadedAsync(page, "month=2026-11");
        browser.AssertNoScriptErrors();
    }

    private static async Task AssertChartsLoadedAsync(IPage page, string query)
    {
        foreach (var chart in Charts)
        {
            var img = page.GetByTestId($"chart-{chart}");
            await Expect(img).ToHaveAttributeAsync("src", $"/api/halls/xinqiao/reports/charts/{chart}.png?{query}");
            await page.WaitForFunctionAsync("id => { const i = document.getElementById(id); return i.complete && i.naturalWidth > 0; }", $"chart-{chart}");
            var width = await img.EvaluateAsync<int>("i => i.naturalWidth");
            Assert.True(width >= 200, string.Create(CultureInfo.InvariantCulture, $"chart {chart} is {width} px wide"));
        }
    }
}
