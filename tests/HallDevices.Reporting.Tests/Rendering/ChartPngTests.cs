using HallDevices.Reporting.Rendering;

namespace HallDevices.Reporting.Tests.Rendering;

public class ChartPngTests
{
    private const int Tolerance = 4;

    [Fact]
    public void Hourly_png_has_one_bar_per_hour_and_series_with_the_busiest_hour_tallest_and_heights_in_proportion()
    {
        using var image = BarPixels.Load(ChartPainter.Png(SampleCharts.Hourly(), 800, 400));

        var arrivals = BarPixels.Vertical(image, ChartPalette.Series[0], Tolerance);
        var served = BarPixels.Vertical(image, ChartPalette.Series[1], Tolerance);

        Assert.Equal(SampleCharts.Arrivals.Length, arrivals.Count);
        Assert.Equal(SampleCharts.Served.Length, served.Count);
        int busiest = Array.IndexOf(SampleCharts.Arrivals, SampleCharts.Arrivals.Max());
        Assert.Equal(busiest, arrivals.IndexOf(arrivals.MaxBy(b => b.Length)));
        AssertProportional(SampleCharts.Arrivals, arrivals, 1.5);
        AssertProportional(SampleCharts.Served, served, 1.5);
        // Grouped: each hour's served bar stands right next to its arrivals bar.
        for (int i = 0; i < arrivals.Count; i++)
        {
            Assert.InRange(served[i].Left - arrivals[i].Right, 0, 2);
        }
    }

    [Fact]
    public void Rating_png_draws_the_five_levels_in_national_order_each_in_its_colour_and_unrated_last_in_grey()
    {
        using var image = BarPixels.Load(ChartPainter.Png(SampleCharts.Ratings(), 700, 380));

        var bars = ChartPainter.LevelOrder
            .Select(level => (Count: (double)SampleCharts.Levels[level], Bars: BarPixels.Vertical(image, ChartPalette.Level(level), Tolerance)))
            .Append((Count: SampleCharts.Unrated, Bars: BarPixels.Vertical(image, ChartPalette.Unrated, Tolerance)))
            .ToList();

        Assert.All(bars, b => Assert.Single(b.Bars));
        var middles = bars.Select(b => b.Bars[0].Middle).ToList();
        Assert.Equal(middles.Order(), middles);
        AssertProportional(bars.Select(b => b.Count).ToArray(), bars.Select(b => b.Bars[0]).ToList(), 1.5);
    }

    [Fact]
    public void Wait_histogram_png_has_one_bar_per_bucket_left_to_right_with_the_fullest_bucket_tallest()
    {
        using var image = BarPixels.Load(ChartPainter.Png(SampleCharts.Waits(), 640, 360));

        var bars = BarPixels.Vertical(image, ChartPalette.Series[0], Tolerance);

        var counts = SampleCharts.WaitBuckets.Select(b => b.Count).ToArray();
        Assert.Equal(counts.Length, bars.Count);
        Assert.Equal(Array.IndexOf(counts, counts.Max()), bars.IndexOf(bars.MaxBy(b => b.Length)));
        AssertProportional(counts, bars, 1.5);
    }

    [Fact]
    public void Per_counter_png_has_one_bar_per_counter_top_to_bottom_with_lengths_in_proportion_to_served()
    {
        using var image = BarPixels.Load(ChartPainter.Png(SampleCharts.PerCounter(), 700, 360));

        var bars = BarPixels.Horizontal(image, ChartPalette.Series[0], Tolerance);

        var served = SampleCharts.Counters.Select(c => c.Served).ToArray();
        Assert.Equal(served.Length, bars.Count);
        Assert.Equal(Array.IndexOf(served, served.Max()), bars.IndexOf(bars.MaxBy(b => b.Length)));
        AssertProportional(served, bars, 1.5);
    }

    [Fact]
    public void A_chart_with_no_data_still_renders_a_png()
    {
        var empty = new BarChart("各时段取号与办结", [], [new ChartSeries("取号", [])]);

        using var image = BarPixels.Load(ChartPainter.Png(empty, 400, 240));

        Assert.Equal(400, image.Width);
        Assert.Equal(0, BarPixels.Count(image, ChartPalette.Series[0], Tolerance));
    }

    [Fact]
    public void A_series_whose_length_differs_from_the_categories_is_refused()
    {
        var chart = new BarChart("x", ["08", "09"], [new ChartSeries("取号", [1, 2, 3])]);

        var e = Assert.Throws<ArgumentException>(() => ChartPainter.Png(chart, 400, 240));
        Assert.Contains("取号", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_negative_count_is_refused()
    {
        var chart = new Histogram("x", [new HistogramBucket("0–5", -1)]);

        Assert.Throws<ArgumentException>(() => ChartPainter.Png(chart, 400, 240));
    }

    /// <summary>Each bar's length is its value's share of the largest, within a pixel or two of rounding.</summary>
    internal static void AssertProportional(double[] values, IReadOnlyList<BarPixels.Bar> bars, double pixels)
    {
        double max = values.Max();
        int longest = bars.Max(b => b.Length);
        for (int i = 0; i < values.Length; i++)
        {
            double expected = values[i] / max * longest;
            Assert.True(Math.Abs(bars[i].Length - expected) <= pixels, $"bar {i}: {bars[i].Length} px, expected {expected:0.0} px for {values[i]} of {max}");
        }
    }
}
