namespace HallDevices.Reporting.Rendering;

/// <summary>One series of a <see cref="BarChart"/>: a name for the legend and one value per category.</summary>
/// <param name="Name">Legend text, e.g. 取号.</param>
/// <param name="Values">One value per category, in the chart's category order; not negative.</param>
public sealed record ChartSeries(string Name, IReadOnlyList<double> Values);
