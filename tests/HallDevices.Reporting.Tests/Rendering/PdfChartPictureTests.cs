using HallDevices.Reporting.Rendering;

namespace HallDevices.Reporting.Tests.Rendering;

/// <summary>
/// The charts as printed: the PDF is rasterised by poppler's pdftoppm at 50 dpi (a reader independent of
/// SkiaSharp) and the bars are found by colour.
/// </summary>
public class PdfChartPictureTests
{
    // pdftoppm antialiases a bar's edges, but its inside keeps the colour (give or take the PDF's rounding of
    // colours to three decimals); text is neutral grey, so it never passes for a bar.
    private const int Tolerance = 4;

    [Fact]
    public void The_hourly_chart_page_has_the_busiest_hour_tallest_and_every_hour_in_proportion()
    {
        using var poppler = new Poppler();
        string pdf = poppler.Save(SampleDocuments.Pdf(ChartDocument()));

        using var page = BarPixels.Load(poppler.Raster(pdf, 1));

        var arrivals = BarPixels.Vertical(page, ChartPalette.Series[0], Tolerance);
        var served = BarPixels.Vertical(page, ChartPalette.Series[1], Tolerance);
        Assert.Equal(SampleCharts.Arrivals.Length, arrivals.Count);
        Assert.Equal(SampleCharts.Served.Length, served.Count);
        int busiest = Array.IndexOf(SampleCharts.Arrivals, SampleCharts.Arrivals.Max());
        Assert.Equal(busiest, arrivals.IndexOf(arrivals.MaxBy(b => b.Length)));
        ChartPngTests.AssertProportional(SampleCharts.Arrivals, arrivals, 2);
        ChartPngTests.AssertProportional(SampleCharts.Served, served, 2);
    }

    [Fact]
    public void The_rating_chart_page_has_the_levels_in_order_in_their_colours_and_the_unrated_bar_grey_and_last()
    {
        using var poppler = new Poppler();
        string pdf = poppler.Save(SampleDocuments.Pdf(ChartDocument()));

        using var page = BarPixels.Load(poppler.Raster(pdf, 2));

        var levels = ChartPainter.LevelOrder.Select(l => BarPixels.Vertical(page, ChartPalette.Level(l), Tolerance)).ToList();
        var unrated = BarPixels.Vertical(page, ChartPalette.Unrated, Tolerance);
        Assert.All(levels, bars => Assert.Single(bars));
        Assert.Single(unrated);
        var middles = levels.Select(b => b[0].Middle).Append(unrated[0].Middle).ToList();
        Assert.Equal(middles.Order(), middles);
        var counts = ChartPainter.LevelOrder.Select(l => (double)SampleCharts.Levels[l]).Append(SampleCharts.Unrated).ToArray();
        ChartPngTests.AssertProportional(counts, levels.Select(b => b[0]).Append(unrated[0]).ToList(), 2);
        Assert.Contains("未评", Poppler.Text(pdf, 2), StringComparison.Ordinal);
    }

    private static ReportDocument ChartDocument() => new("图表", [
        new ReportHeading("各时段"),
        new ReportChart(SampleCharts.Hourly()),
        new ReportPageBreak(),
        new ReportHeading("好差评"),
        new ReportChart(SampleCharts.Ratings()),
    ]);
}
