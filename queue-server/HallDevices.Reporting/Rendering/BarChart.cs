namespace HallDevices.Reporting.Rendering;

/// <summary>
/// Vertical bars over categories, one bar per series in each category, grouped side by side (e.g. tickets
/// issued and served in each hour). The series colours are <see cref="ChartPalette.Series"/> in order.
/// </summary>
/// <param name="Title">Chart title.</param>
/// <param name="Categories">Category labels along the bottom, e.g. 08 … 17.</param>
/// <param name="Series">One to <see cref="MaxSeries"/> series, each with a value per category.</param>
public sealed record BarChart(string Title, IReadOnlyList<string> Categories, IReadOnlyList<ChartSeries> Series) : Chart(Title)
{
    /// <summary>The most series a chart groups (one colour each).</summary>
    public const int MaxSeries = 4;

    /// <summary>Optional caption of the category axis, drawn at its right end, e.g. 时.</summary>
    public string? CategoryUnit { get; init; }
}
