namespace HallDevices.Reporting.Rendering;

/// <summary>A chart across the page width, moved to the next page whole when it does not fit.</summary>
/// <param name="Chart">The chart.</param>
public sealed record ReportChart(Chart Chart) : ReportBlock
{
    /// <summary>Height in points (72 per inch); at most the page's text height.</summary>
    public float Height { get; init; } = 280;
}
