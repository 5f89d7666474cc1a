namespace HallDevices.Reporting.Rendering;

/// <summary>
/// Horizontal bars, one per row top to bottom (e.g. tickets served per counter), each with its value and an
/// optional note printed after the bar, in the first series colour.
/// </summary>
/// <param name="Title">Chart title.</param>
/// <param name="Bars">The rows, top to bottom.</param>
public sealed record HorizontalBars(string Title, IReadOnlyList<HorizontalBar> Bars) : Chart(Title);
