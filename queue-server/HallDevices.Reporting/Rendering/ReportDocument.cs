namespace HallDevices.Reporting.Rendering;

/// <summary>
/// A report as <see cref="PdfWriter"/> prints it: a title (and subtitle) on the first page, then blocks top to
/// bottom on A4 pages with page numbers. Knows nothing of halls: the report builders map their figures into
/// headings, tables and charts.
/// </summary>
/// <param name="Title">Title on the first page, in the running header of the others and in the PDF metadata.</param>
/// <param name="Blocks">Headings, paragraphs, tables, charts and page breaks, in order.</param>
public sealed record ReportDocument(string Title, IReadOnlyList<ReportBlock> Blocks)
{
    /// <summary>Line under the title, e.g. the period and the "as of" time.</summary>
    public string? Subtitle { get; init; }

    /// <summary>PDF metadata author, e.g. the hall's name.</summary>
    public string? Author { get; init; }

    /// <summary>
    /// PDF creation time. The caller passes its own clock's time (or the report's "as of"); when null the PDF
    /// carries none, so the same report gives the same bytes.
    /// </summary>
    public DateTimeOffset? Created { get; init; }

    /// <summary>Footer numbering; 第 N 页 / 共 M 页 by default.</summary>
    public PageNumbering PageNumbers { get; init; } = PageNumbering.WithTotal;

    /// <summary>Text at the left of every footer, e.g. 数据截至 2026-11-30 18:00.</summary>
    public string? FooterText { get; init; }

    /// <summary>English page numbers (the English switch); block texts are the caller's.</summary>
    public bool English { get; init; }
}
