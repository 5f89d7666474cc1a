using System.Globalization;
using SkiaSharp;

namespace HallDevices.Reporting.Rendering;

/// <summary>
/// Writes a <see cref="ReportDocument"/> as an A4 PDF with SkiaSharp's PDF backend (<c>SKDocument.CreatePdf</c>):
/// 20 mm margins, the title on page 1, a running title on the others, 第 N 页 / 共 M 页 in every footer.
/// Text is drawn with the CJK typeface, which the PDF embeds cut down to the glyphs used (<see cref="FontSubset"/>)
/// with its Unicode map, so the report is searchable and <c>pdftotext</c> reads the Chinese back; emboldened
/// titles go out as glyph outlines (Type 3), which keep the Unicode map too. Charts stay vectors.
/// </summary>
public static class PdfWriter
{
    /// <summary>Ground of a <see cref="CellStyle.Flagged"/> cell (a missed target).</summary>
    public static SKColor FlagFill { get; } = new(0xFD, 0xE2, 0xDE);

    /// <summary>Text colour of a <see cref="CellStyle.Flagged"/> cell.</summary>
    public static SKColor FlagText { get; } = new(0xB7, 0x1C, 0x1C);

    /// <summary>Writes <paramref name="document"/> to <paramref name="output"/> (left open).</summary>
    /// <param name="document">The report.</param>
    /// <param name="output">Writable stream; the PDF is complete when this returns.</param>
    /// <param name="typeface">CJK typeface; <see cref="ReportFont.Default"/> when null.</param>
    /// <exception cref="ReportFontException">No CJK font is available.</exception>
    public static void Write(ReportDocument document, Stream output, SKTypeface? typeface = null) =>
        Write(document, output, typeface, subsetFont: true);

    /// <summary>As the public one; <paramref name="subsetFont"/> false embeds the whole font (tests compare the two).</summary>
    internal static void Write(ReportDocument document, Stream output, SKTypeface? typeface, bool subsetFont)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(output);
        var full = typeface ?? ReportFont.Default;
        using var fonts = new PdfFonts(full);
        var pages = new PdfPageLayout();
        PdfBlocks.PlaceTitle(pages, document, fonts);
        for (int i = 0; i < document.Blocks.Count; i++)
        {
            PdfBlocks.Place(pages, document.Blocks, i, fonts);
        }

        // A dry run tells which characters the pages draw; the PDF then embeds a font of just those glyphs
        // (FontSubset) instead of the whole font file.
        var used = subsetFont ? TextInk.Collect(() => Draw(pages, document, fonts, null)) : null;
        using var subset = used is null ? null : FontSubset.Create(full, used);
        if (subset is not null)
        {
            fonts.Use(subset);
        }

        var metadata = SKDocumentPdfMetadata.Default;
        metadata.Title = document.Title;
        metadata.Subject = document.Subtitle ?? string.Empty;
        metadata.Author = document.Author ?? string.Empty;
        metadata.Creator = "HallDevices";
        metadata.Producer = "HallDevices reports (SkiaSharp)";
        metadata.Creation = document.Created?.UtcDateTime;
        metadata.Modified = document.Created?.UtcDateTime;
        using var pdf = SKDocument.CreatePdf(output, metadata)
            ?? throw new InvalidOperationException("SkiaSharp could not create a PDF document.");
        Draw(pages, document, fonts, pdf);
        pdf.Close();
    }

    /// <summary>The footer's page number, e.g. 第 2 页 / 共 5 页.</summary>
    public static string PageLabel(int page, int total, PageNumbering numbering, bool english) => (numbering, english) switch
    {
        (PageNumbering.WithTotal, false) => string.Create(CultureInfo.InvariantCulture, $"第 {page} 页 / 共 {total} 页"),
        (PageNumbering.WithTotal, true) => string.Create(CultureInfo.InvariantCulture, $"Page {page} of {total}"),
        (_, false) => string.Create(CultureInfo.InvariantCulture, $"第 {page} 页"),
        (_, true) => string.Create(CultureInfo.InvariantCulture, $"Page {page}"),
    };

    /// <summary>Draws every page into <paramref name="pdf"/>, or onto a canvas that draws nothing when it is null.</summary>
    private static void Draw(PdfPageLayout pages, ReportDocument document, PdfFonts fonts, SKDocument? pdf)
    {
        using var nowhere = pdf is null ? new SKNoDrawCanvas((int)PdfPageLayout.PageWidth, (int)PdfPageLayout.PageHeight) : null;
        for (int i = 0; i < pages.Pages.Count; i++)
        {
            var canvas = pdf?.BeginPage(PdfPageLayout.PageWidth, PdfPageLayout.PageHeight) ?? nowhere!;
            foreach (var draw in pages.Pages[i])
            {
                draw(canvas);
            }

            DrawChrome(canvas, document, fonts, i + 1, pages.Pages.Count);
            pdf?.EndPage();
        }
    }

    private static void DrawChrome(SKCanvas canvas, ReportDocument document, PdfFonts fonts, int page, int total)
    {
        using var muted = new SKPaint { Color = ChartPalette.MutedText, IsAntialias = true };
        float footer = PdfPageLayout.PageHeight - (PdfPageLayout.Margin / 2);
        float right = PdfPageLayout.Left + PdfPageLayout.ContentWidth;
        string label = PageLabel(page, total, document.PageNumbers, document.English);
        TextInk.Draw(canvas, label, right, footer, SKTextAlign.Right, fonts.Footer, muted);
        if (!string.IsNullOrEmpty(document.FooterText))
        {
            string text = ChartText.Fit(document.FooterText, fonts.Footer, PdfPageLayout.ContentWidth - fonts.Footer.MeasureText(label) - 12);
            TextInk.Draw(canvas, text, PdfPageLayout.Left, footer, SKTextAlign.Left, fonts.Footer, muted);
        }

        if (page > 1)
        {
            float header = (PdfPageLayout.Margin / 2) + 4;
            TextInk.Draw(canvas, ChartText.Fit(document.Title, fonts.Footer, PdfPageLayout.ContentWidth), PdfPageLayout.Left, header, SKTextAlign.Left, fonts.Footer, muted);
            using var rule = new SKPaint { Color = ChartPalette.Grid, StrokeWidth = 0.5f, Style = SKPaintStyle.Stroke };
            canvas.DrawLine(PdfPageLayout.Left, header + 5, right, header + 5, rule);
        }
    }
}
