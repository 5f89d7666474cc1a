namespace HallDevices.Reporting.Rendering;

/// <summary>One bucket of a <see cref="Histogram"/>.</summary>
/// <param name="Label">Bucket label, e.g. 5–10 or 60+.</param>
/// <param name="Count">How many fall in the bucket; not negative.</param>
public sealed record HistogramBucket(string Label, double Count);
