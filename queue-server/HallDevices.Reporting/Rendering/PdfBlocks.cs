using SkiaSharp;

namespace HallDevices.Reporting.Rendering;

/// <summary>Places the title and the headings, paragraphs and charts of a document (tables: <see cref="PdfTable"/>).</summary>
internal static class PdfBlocks
{
    public static void PlaceTitle(PdfPageLayout pages, ReportDocument document, PdfFonts fonts)
    {
        PlaceLines(pages, TextWrap.Lines(document.Title, fonts.Title, PdfPageLayout.ContentWidth), fonts.Title, ChartPalette.Text, SKTextAlign.Center);
        if (!string.IsNullOrEmpty(document.Subtitle))
        {
            pages.Y += 2;
            PlaceLines(pages, TextWrap.Lines(document.Subtitle, fonts.Subtitle, PdfPageLayout.ContentWidth), fonts.Subtitle, ChartPalette.MutedText, SKTextAlign.Center);
        }

        float rule = pages.Y + 4;
        pages.Add(canvas =>
        {
            using var paint = new SKPaint { Color = ChartPalette.Axis, StrokeWidth = 0.8f, Style = SKPaintStyle.Stroke };
            canvas.DrawLine(PdfPageLayout.Left, rule, PdfPageLayout.Left + PdfPageLayout.ContentWidth, rule, paint);
        });
        pages.Y = rule + 14;
    }

    public static void Place(PdfPageLayout pages, IReadOnlyList<ReportBlock> blocks, int index, PdfFonts fonts)
    {
        switch (blocks[index])
        {
            case ReportHeading heading:
                PlaceHeading(pages, heading, index + 1 < blocks.Count ? blocks[index + 1] : null, fonts);
                break;
            case ReportParagraph paragraph:
                var font = paragraph.Muted ? fonts.Muted : fonts.Body;
                PlaceLines(pages, TextWrap.Lines(paragraph.Text, font, PdfPageLayout.ContentWidth), font, paragraph.Muted ? ChartPalette.MutedText : ChartPalette.Text, SKTextAlign.Left);
                pages.Y += 6;
                break;
            case ReportTable table:
                PdfTable.Place(pages, table, fonts);
                break;
            case ReportChart chart:
                PlaceChart(pages, chart, fonts);
                break;
            case ReportPageBreak:
                if (!pages.AtTop)
                {
                    pages.NewPage();
                }

                break;
            default:
                throw new NotSupportedException($"No layout for block type {blocks[index].GetType().Name}.");
        }
    }

    private static void PlaceHeading(PdfPageLayout pages, ReportHeading heading, ReportBlock? next, PdfFonts fonts)
    {
        var font = heading.Level <= 1 ? fonts.Heading1 : fonts.Heading2;
        var lines = TextWrap.Lines(heading.Text, font, PdfPageLayout.ContentWidth);
        float before = heading.Level <= 1 ? 12 : 8;
        float height = lines.Count * PdfFonts.LineHeight(font);
        // A heading stays with the start of what it heads: never alone at the bottom of a page.
        pages.Ensure(Math.Min(before + height + 4 + MinHeight(next, fonts), PdfPageLayout.ContentHeight));
        if (!pages.AtTop)
        {
            pages.Y += before;
        }

        PlaceLines(pages, lines, font, ChartPalette.Text, SKTextAlign.Left);
        pages.Y += 4;
    }

    private static float MinHeight(ReportBlock? block, PdfFonts fonts) => block switch
    {
        ReportParagraph p => Math.Min(2, TextWrap.Lines(p.Text, p.Muted ? fonts.Muted : fonts.Body, PdfPageLayout.ContentWidth).Count)
            * PdfFonts.LineHeight(p.Muted ? fonts.Muted : fonts.Body),
        ReportTable t => PdfTable.MinHeight(t, fonts),
        ReportChart c => ChartHeight(c),
        ReportHeading h => PdfFonts.LineHeight(h.Level <= 1 ? fonts.Heading1 : fonts.Heading2),
        _ => 0,
    };

    private static float ChartHeight(ReportChart chart) => Math.Clamp(chart.Height, 60, PdfPageLayout.ContentHeight);

    private static void PlaceChart(PdfPageLayout pages, ReportChart chart, PdfFonts fonts)
    {
        float height = ChartHeight(chart);
        pages.Ensure(height);
        var area = SKRect.Create(PdfPageLayout.Left, pages.Y, PdfPageLayout.ContentWidth, height);
        // The typeface is read when drawing: by then it is the subset (PdfWriter).
        pages.Add(canvas => ChartPainter.Draw(canvas, area, chart.Chart, fonts.Typeface));
        pages.Y += height + 10;
    }

    private static void PlaceLines(PdfPageLayout pages, IReadOnlyList<string> lines, SKFont font, SKColor colour, SKTextAlign align)
    {
        float pitch = PdfFonts.LineHeight(font);
        foreach (string line in lines)
        {
            pages.Ensure(pitch);
            float baseline = pages.Y + ((pitch - ChartText.Height(font)) / 2) - font.Metrics.Ascent;
            float x = align == SKTextAlign.Center ? PdfPageLayout.Left + (PdfPageLayout.ContentWidth / 2) : PdfPageLayout.Left;
            pages.Add(canvas =>
            {
                using var ink = new SKPaint { Color = colour, IsAntialias = true };
                TextInk.Draw(canvas, line, x, baseline, align, font, ink);
            });
            pages.Y += pitch;
        }
    }
}
