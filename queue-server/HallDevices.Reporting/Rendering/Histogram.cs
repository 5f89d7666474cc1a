namespace HallDevices.Reporting.Rendering;

/// <summary>
/// A distribution: adjacent bars, one per bucket in order (e.g. waiting time 0–5, 5–10 … 60+ minutes), in
/// the first series colour.
/// </summary>
/// <param name="Title">Chart title.</param>
/// <param name="Buckets">The buckets, left to right.</param>
public sealed record Histogram(string Title, IReadOnlyList<HistogramBucket> Buckets) : Chart(Title)
{
    /// <summary>Optional caption of the bucket axis, e.g. 等候分钟.</summary>
    public string? BucketUnit { get; init; }
}
