namespace HallDevices.Reporting.Rendering;

/// <summary>A column of a <see cref="ReportTable"/>: its header (repeated on every page the table spans) and alignment.</summary>
/// <param name="Header">Header text, e.g. 评价率.</param>
/// <param name="Align">Alignment of the column's cells and header.</param>
public sealed record TableColumn(string Header, ColumnAlign Align = ColumnAlign.Auto);
