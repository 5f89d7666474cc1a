using System.Text.RegularExpressions;
using HallDevices.Reporting.Rendering;

namespace HallDevices.Reporting.Tests.Rendering;

public class PdfPagingTests
{
    private const int Rows = 150;

    [Fact]
    public void A_long_table_runs_over_pages_with_its_header_on_each_and_every_row_once_in_order()
    {
        using var poppler = new Poppler();
        string pdf = poppler.Save(SampleDocuments.Pdf(SampleDocuments.LongTable(Rows)));

        int pages = Poppler.PageCount(pdf);

        Assert.True(pages >= 3, $"{Rows} rows on {pages} page(s)");
        var seen = new List<int>();
        for (int page = 1; page <= pages; page++)
        {
            string text = Poppler.Text(pdf, page);
            Assert.Contains("窗口名称", text, StringComparison.Ordinal);
            Assert.Equal([(page, pages)], Poppler.PageLabels(text));
            seen.AddRange(Regex.Matches(text, @"综合受理窗口R(\d{3})").Select(m => int.Parse(m.Groups[1].Value)));
        }

        Assert.Equal(Enumerable.Range(1, Rows), seen);
    }

    [Fact]
    public void Page_only_numbering_prints_the_page_without_the_total()
    {
        using var poppler = new Poppler();
        string pdf = poppler.Save(SampleDocuments.Pdf(SampleDocuments.LongTable(Rows, PageNumbering.PageOnly)));

        string text = Poppler.Text(pdf);

        int pages = Poppler.PageCount(pdf);
        Assert.Equal(Enumerable.Range(1, pages), Regex.Matches(text, @"第\s*(\d+)\s*页").Select(m => int.Parse(m.Groups[1].Value)));
        Assert.DoesNotContain("共", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_page_break_starts_a_new_page_and_a_chart_that_does_not_fit_moves_to_the_next_whole()
    {
        using var poppler = new Poppler();
        var document = new ReportDocument("分页", [
            new ReportParagraph("第一部分"),
            new ReportPageBreak(),
            new ReportParagraph("第二部分"),
            new ReportChart(SampleCharts.Hourly()) { Height = 400 },
            new ReportChart(SampleCharts.Waits()) { Height = 400 },
        ]);
        string pdf = poppler.Save(SampleDocuments.Pdf(document));

        Assert.Equal(3, Poppler.PageCount(pdf));
        Assert.Contains("第一部分", Poppler.Text(pdf, 1), StringComparison.Ordinal);
        Assert.Contains("各时段取号与办结", Poppler.Text(pdf, 2), StringComparison.Ordinal);
        Assert.Contains("等候时间分布", Poppler.Text(pdf, 3), StringComparison.Ordinal);
    }
}
