using System.Globalization;
using HallDevices.Queueing.Evaluation;
using HallDevices.Reporting.Rendering;

namespace HallDevices.Reporting.Tests.Rendering;

/// <summary>
/// The four charts of the hall report built from a day of made-up figures. The tests derive what they
/// expect (busiest hour, longest bar …) from these same numbers, never from the picture.
/// </summary>
internal static class SampleCharts
{
    public static readonly int[] Hours = Enumerable.Range(8, 12).ToArray();

    // Issues per hour and finishes per hour: the morning peak at 10:00, a lunch dip, a smaller afternoon peak.
    public static readonly double[] Arrivals = [12, 31, 44, 27, 9, 6, 22, 35, 18, 11, 4, 2];
    public static readonly double[] Served = [5, 24, 38, 33, 14, 7, 15, 31, 25, 12, 6, 3];

    public static readonly (string Label, double Count)[] WaitBuckets =
        [("0–5", 41), ("5–10", 63), ("10–15", 37), ("15–20", 22), ("20–30", 18), ("30–45", 9), ("45–60", 4), ("60+", 2)];

    public static readonly (string Counter, double Served, double HandlingMean)[] Counters =
        [("1号窗口", 46, 6.5), ("2号窗口", 58, 5.25), ("3号窗口", 21, 12.0), ("4号窗口 综合受理", 37, 7.75)];

    public static readonly IReadOnlyDictionary<EvaluationLevel, int> Levels = new Dictionary<EvaluationLevel, int>
    {
        [EvaluationLevel.VerySatisfied] = 120,
        [EvaluationLevel.Satisfied] = 46,
        [EvaluationLevel.BasicallySatisfied] = 12,
        [EvaluationLevel.Dissatisfied] = 5,
        [EvaluationLevel.VeryDissatisfied] = 3,
    };

    public const int Unrated = 28;

    public static BarChart Hourly() => new(
        "各时段取号与办结",
        Hours.Select(h => h.ToString("00", CultureInfo.InvariantCulture)).ToList(),
        [new ChartSeries("取号", Arrivals), new ChartSeries("办结", Served)])
    { CategoryUnit = "时", ValueUnit = "件" };

    public static Histogram Waits() => new("等候时间分布", WaitBuckets.Select(b => new HistogramBucket(b.Label, b.Count)).ToList())
    { BucketUnit = "分钟", ValueUnit = "件" };

    public static HorizontalBars PerCounter() => new(
        "各窗口办结量",
        Counters.Select(c => new HorizontalBar(c.Counter, c.Served, $"均办 {c.HandlingMean:0.#} 分钟")).ToList())
    { ValueUnit = "件" };

    public static RatingLevelsChart Ratings() => new("好差评等级", Levels, Unrated) { Note = "申诉成立 1 件，不计入差评" };
}
