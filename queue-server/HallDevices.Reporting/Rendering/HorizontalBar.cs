namespace HallDevices.Reporting.Rendering;

/// <summary>One row of <see cref="HorizontalBars"/>.</summary>
/// <param name="Label">Row label at the left, e.g. 3号窗口.</param>
/// <param name="Value">Bar length in the chart's unit; not negative.</param>
/// <param name="Note">Optional text after the value, e.g. 均办 6.5 分钟 (a second figure that has another unit).</param>
public sealed record HorizontalBar(string Label, double Value, string? Note = null);
