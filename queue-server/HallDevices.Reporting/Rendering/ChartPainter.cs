using HallDevices.Queueing.Evaluation;
using SkiaSharp;

namespace HallDevices.Reporting.Rendering;

/// <summary>
/// Draws a <see cref="Chart"/> on any SkiaSharp canvas: a raster for the dashboard's PNGs, a PDF page for
/// reports. Lengths scale with the rectangle (1 unit = 1 pixel in a PNG, 1 point in a PDF), so a chart reads
/// the same at 800 × 400 pixels and at half an A4 page.
/// </summary>
public static class ChartPainter
{
    /// <summary>The order and the levels of a <see cref="RatingLevelsChart"/>, best first.</summary>
    public static IReadOnlyList<EvaluationLevel> LevelOrder { get; } =
    [
        EvaluationLevel.VerySatisfied,
        EvaluationLevel.Satisfied,
        EvaluationLevel.BasicallySatisfied,
        EvaluationLevel.Dissatisfied,
        EvaluationLevel.VeryDissatisfied,
    ];

    /// <summary>Draws <paramref name="chart"/> into <paramref name="area"/> of <paramref name="canvas"/>.</summary>
    /// <param name="canvas">Target canvas (raster surface or PDF page).</param>
    /// <param name="area">Where the chart goes; it is filled white and nothing is drawn outside it.</param>
    /// <param name="chart">The chart.</param>
    /// <param name="typeface">CJK typeface; <see cref="ReportFont.Default"/> when null.</param>
    /// <exception cref="ArgumentException">The chart's data are inconsistent (a series' length, a negative value).</exception>
    /// <exception cref="ReportFontException">No CJK font is available.</exception>
    public static void Draw(SKCanvas canvas, SKRect area, Chart chart, SKTypeface? typeface = null)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        ArgumentNullException.ThrowIfNull(chart);
        Validate(chart);
        float scale = Math.Clamp(Math.Min(area.Width / 560f, area.Height / 320f), 0.5f, 3f);
        using var text = new ChartText(typeface ?? ReportFont.Default, scale);
        canvas.Save();
        canvas.ClipRect(area);
        try
        {
            switch (chart)
            {
                case HorizontalBars bars:
                    HorizontalBarPainter.Draw(canvas, ChartFrame.Draw(canvas, area, text, chart.Title, [], chart.Note), text, bars);
                    break;
                default:
                    var layout = Columns(chart);
                    var body = ChartFrame.Draw(canvas, area, text, chart.Title, layout.Legend, chart.Note);
                    ColumnPainter.Draw(canvas, body, text, layout, chart.ValueUnit);
                    break;
            }
        }
        finally
        {
            canvas.Restore();
        }
    }

    /// <summary>The chart as a PNG of <paramref name="width"/> × <paramref name="height"/> pixels on white.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is under 50 or over 4000 pixels.</exception>
    public static byte[] Png(Chart chart, int width, int height, SKTypeface? typeface = null)
    {
        ArgumentNullException.ThrowIfNull(chart);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 50);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 50);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, 4000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(height, 4000);
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException("SkiaSharp could not create a raster surface.");
        surface.Canvas.Clear(SKColors.White);
        Draw(surface.Canvas, new SKRect(0, 0, width, height), chart, typeface);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>The label of a rating bar: the national name (or the English one), 未评 for no rating.</summary>
    public static string LevelLabel(EvaluationLevel? level, bool english) => level switch
    {
        null => english ? "Unrated" : "未评",
        { } l => english ? EvaluationLevels.EnglishName(l) : EvaluationLevels.ChineseName(l),
    };

    private static ColumnLayout Columns(Chart chart) => chart switch
    {
        BarChart bars => new ColumnLayout(
            bars.Categories,
            bars.Categories.Select((_, i) => (IReadOnlyList<ColumnBar>)bars.Series
                .Select((series, j) => new ColumnBar(series.Values[i], ChartPalette.Series[j], series.Values[i] > 0 ? ChartText.Number(series.Values[i]) : null))
                .ToList()).ToList(),
            0.8f,
            bars.CategoryUnit,
            bars.Categories.Count > 0 && (bars.Series.Count > 1 || !string.IsNullOrEmpty(bars.Series[0].Name))
                ? bars.Series.Select((series, j) => (series.Name, ChartPalette.Series[j])).ToList()
                : []),
        Histogram histogram => new ColumnLayout(
            histogram.Buckets.Select(b => b.Label).ToList(),
            histogram.Buckets.Select(b => (IReadOnlyList<ColumnBar>)[new ColumnBar(b.Count, ChartPalette.Series[0], b.Count > 0 ? ChartText.Number(b.Count) : null)]).ToList(),
            0.96f,
            histogram.BucketUnit,
            []),
        RatingLevelsChart ratings => RatingColumns(ratings),
        _ => throw new NotSupportedException($"No painter for chart type {chart.GetType().Name}."),
    };

    private static ColumnLayout RatingColumns(RatingLevelsChart chart)
    {
        var bars = LevelOrder.Select(l => (Label: LevelLabel(l, chart.EnglishNames), Count: chart.Counts.GetValueOrDefault(l), Colour: ChartPalette.Level(l)))
            .Append((Label: LevelLabel(null, chart.EnglishNames), Count: chart.Unrated, Colour: ChartPalette.Unrated))
            .ToList();
        int total = bars.Sum(b => b.Count);
        return new ColumnLayout(
            bars.Select(b => b.Label).ToList(),
            bars.Select(b => (IReadOnlyList<ColumnBar>)[new ColumnBar(
                b.Count,
                b.Colour,
                total == 0 ? "0" : $"{b.Count} · {ChartText.Percent((double)b.Count / total)}")]).ToList(),
            0.7f,
            null,
            []);
    }

    private static void Validate(Chart chart)
    {
        switch (chart)
        {
            case BarChart bars:
                if (bars.Series.Count is < 1 or > BarChart.MaxSeries)
                {
                    throw new ArgumentException($"A bar chart has 1 to {BarChart.MaxSeries} series, not {bars.Series.Count}.", nameof(chart));
                }

                foreach (var series in bars.Series)
                {
                    if (series.Values.Count != bars.Categories.Count)
                    {
                        throw new ArgumentException($"Series '{series.Name}' has {series.Values.Count} values for {bars.Categories.Count} categories.", nameof(chart));
                    }

                    CheckValues(series.Values, series.Name);
                }

                break;
            case Histogram histogram:
                CheckValues(histogram.Buckets.Select(b => b.Count), "histogram");
                break;
            case HorizontalBars rows:
                CheckValues(rows.Bars.Select(b => b.Value), "horizontal bars");
                break;
            case RatingLevelsChart ratings:
                CheckValues(ratings.Counts.Values.Select(c => (double)c).Append(ratings.Unrated), "rating levels");
                break;
        }
    }

    private static void CheckValues(IEnumerable<double> values, string what)
    {
        if (values.Any(v => !double.IsFinite(v) || v < 0))
        {
            throw new ArgumentException($"Values of {what} must be finite and not negative.", nameof(values));
        }
    }
}
