namespace HallDevices.Reporting.Rendering;

/// <summary>
/// A table: a header row and rows of cells. A table longer than the page continues on the next page with its
/// header repeated; a row is never split.
/// </summary>
/// <param name="Columns">The columns, left to right.</param>
/// <param name="Rows">Rows of cells; each has one cell per column (missing cells are empty).</param>
public sealed record ReportTable(IReadOnlyList<TableColumn> Columns, IReadOnlyList<IReadOnlyList<TableCell>> Rows) : ReportBlock;
