using SkiaSharp;

namespace HallDevices.Reporting.Rendering;

/// <summary>One vertical bar as the column painter draws it: value, colour and the label above it (none when null).</summary>
internal readonly record struct ColumnBar(double Value, SKColor Colour, string? Label);
