using SkiaSharp;

namespace HallDevices.Reporting.Rendering;

/// <summary>
/// What the three vertical chart kinds (grouped bars, histogram, rating levels) have in common: categories
/// along the bottom, a group of bars per category.
/// </summary>
/// <param name="Categories">Labels under the groups.</param>
/// <param name="Groups">One group per category, each with the same number of bars.</param>
/// <param name="GroupWidth">Share of a category's slot its group fills (histogram buckets nearly touch).</param>
/// <param name="CategoryUnit">Caption at the right end of the category labels.</param>
/// <param name="Legend">Legend entries; empty when the category labels say it all.</param>
internal sealed record ColumnLayout(
    IReadOnlyList<string> Categories,
    IReadOnlyList<IReadOnlyList<ColumnBar>> Groups,
    float GroupWidth,
    string? CategoryUnit,
    IReadOnlyList<(string Name, SKColor Colour)> Legend);
