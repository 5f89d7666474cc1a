namespace HallDevices.Reporting.Rendering;

/// <summary>One cell of a <see cref="ReportTable"/>; long text wraps within the column.</summary>
/// <param name="Text">Cell text, already formatted (e.g. 98.5%).</param>
/// <param name="Style">Plain, flagged (missed target) or strong.</param>
public sealed record TableCell(string Text, CellStyle Style = CellStyle.Normal);
