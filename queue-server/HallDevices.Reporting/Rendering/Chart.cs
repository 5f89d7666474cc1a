namespace HallDevices.Reporting.Rendering;

/// <summary>
/// A chart of a report, drawn by <see cref="ChartPainter"/> into a PNG or a PDF page. A chart carries its data
/// and its words only (title, labels, units, all supplied by the caller, Chinese first); colours and layout
/// are the painter's, so the same chart looks the same on the dashboard and in the PDF.
/// </summary>
/// <param name="Title">Title drawn above the chart, e.g. 各时段取号与办结.</param>
public abstract record Chart(string Title)
{
    /// <summary>Optional footnote under the chart, e.g. what a bar excludes.</summary>
    public string? Note { get; init; }

    /// <summary>Optional unit of the value axis, drawn above it, e.g. 件 or 分钟.</summary>
    public string? ValueUnit { get; init; }
}
