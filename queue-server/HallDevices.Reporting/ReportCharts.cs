using System.Globalization;
using HallDevices.Queueing.Evaluation;
using HallDevices.Reporting.Rendering;

namespace HallDevices.Reporting;

/// <summary>
/// The issue's four charts of a hall report, and the bulletin's chart, as <see cref="Chart"/>s for
/// <see cref="ChartPainter"/>: the same pictures on the dashboard (PNG) and in the PDF.
/// </summary>
public static class ReportCharts
{
    /// <summary>Arrivals against finishes by local hour.</summary>
    public const string Hourly = "hourly";

    /// <summary>The waiting-time distribution.</summary>
    public const string Waits = "waits";

    /// <summary>Served tickets and mean handling per counter.</summary>
    public const string Counters = "counters";

    /// <summary>Served tickets by rating level, 未评 included.</summary>
    public const string Ratings = "ratings";

    /// <summary>The chart ids of a hall report, in the order the PDF shows them.</summary>
    public static IReadOnlyList<string> HallCharts { get; } = [Hourly, Waits, Counters, Ratings];

    /// <summary>True for a chart id of <see cref="HallCharts"/>.</summary>
    public static bool IsKnown(string? chart) => chart is not null && HallCharts.Contains(chart);

    /// <summary>The chart <paramref name="chart"/> of a hall report.</summary>
    /// <exception cref="ArgumentException">Not one of <see cref="HallCharts"/>.</exception>
    public static Chart For(HallReport report, string chart)
    {
        ArgumentNullException.ThrowIfNull(report);
        return chart switch
        {
            Hourly => HourlyChart(report),
            Waits => new Histogram("等候时间分布", report.WaitBuckets.Select(b => new HistogramBucket(b.Label, b.Count)).ToList())
            {
                BucketUnit = "分钟",
                ValueUnit = "件",
                Note = report.Total.WaitP90 is { } p90 ? string.Create(CultureInfo.InvariantCulture, $"P90 {p90:0.0} 分钟") : null,
            },
            Counters => new HorizontalBars("各窗口办结量", report.ByCounter.Select(g => new HorizontalBar(
                g.Name,
                g.Figures.Served,
                g.Figures.HandlingMean is { } m ? string.Create(CultureInfo.InvariantCulture, $"均办 {m:0.0} 分钟") : null)).ToList())
            {
                ValueUnit = "件",
            },
            Ratings => new RatingLevelsChart(
                "好差评等级",
                ChartPainter.LevelOrder.ToDictionary(l => l, report.Levels.Of),
                report.Levels.Unrated)
            {
                ValueUnit = "件",
                Note = report.Levels.AppealsUpheld > 0 ? $"申诉成立 {report.Levels.AppealsUpheld} 件，不计入差评" : null,
            },
            _ => throw new ArgumentException($"unknown chart '{chart}' (expected one of: {string.Join(", ", HallCharts)})", nameof(chart)),
        };
    }

    /// <summary>The chart as a PNG picture.</summary>
    public static byte[] Png(HallReport report, string chart, int width, int height) => ChartPainter.Png(For(report, chart), width, height);

    /// <summary>The bulletin's halls side by side: 评价率, 好评率 and the share within the service level.</summary>
    public static Chart Bulletin(DistrictBulletin bulletin)
    {
        ArgumentNullException.ThrowIfNull(bulletin);
        var rows = bulletin.Rows;
        return new BarChart(
            "各大厅评价率、好评率与等候达标率",
            rows.Select(r => r.HallName).ToList(),
            [
                new ChartSeries("评价率", rows.Select(r => Percent(r.Figures.EvaluationRate)).ToList()),
                new ChartSeries("好评率", rows.Select(r => Percent(r.Figures.GoodRate)).ToList()),
                new ChartSeries("等候达标率", rows.Select(r => Percent(r.Figures.ServiceLevelShare)).ToList()),
            ])
        {
            ValueUnit = "%",
        };
    }

    // The hall's open hours only: 24 columns of which half are empty would make every bar thin.
    private static BarChart HourlyChart(HallReport report)
    {
        var busy = report.Hourly.Where(h => h.Arrivals > 0 || h.Served > 0).Select(h => h.Hour).ToList();
        var hours = busy.Count == 0
            ? report.Hourly
            : report.Hourly.Where(h => h.Hour >= busy.Min() && h.Hour <= busy.Max()).ToList();
        return new BarChart(
            "各时段取号与办结",
            hours.Select(h => h.Hour.ToString("00", CultureInfo.InvariantCulture)).ToList(),
            [
                new ChartSeries("取号", hours.Select(h => (double)h.Arrivals).ToList()),
                new ChartSeries("办结", hours.Select(h => (double)h.Served).ToList()),
            ])
        {
            CategoryUnit = "时",
            ValueUnit = "件",
        };
    }

    private static double Percent(double? fraction) => fraction is { } f ? Math.Round(f * 100, 1) : 0;
}
