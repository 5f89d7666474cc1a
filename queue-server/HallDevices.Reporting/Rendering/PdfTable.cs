using System.Text.RegularExpressions;
using SkiaSharp;

namespace HallDevices.Reporting.Rendering;

/// <summary>
/// Places a <see cref="ReportTable"/> on the pages: column widths from the widest text, figures right-aligned,
/// rows never split, the header repeated on each page the table continues on.
/// </summary>
internal static partial class PdfTable
{
    private const float PadX = 4;
    private const float PadY = 3;

    private static readonly SKColor HeaderFill = new(0xE6, 0xEC, 0xF5);
    private static readonly SKColor ZebraFill = new(0xF6, 0xF6, 0xF6);
    private static readonly SKColor RuleColour = new(0xC8, 0xC8, 0xC8);

    /// <summary>Minimum height the table needs on a page: its header and first row.</summary>
    public static float MinHeight(ReportTable table, PdfFonts fonts)
    {
        var shape = Shape(table, fonts);
        return shape.HeaderHeight + (table.Rows.Count > 0 ? shape.RowHeights[0] : 0);
    }

    public static void Place(PdfPageLayout pages, ReportTable table, PdfFonts fonts)
    {
        if (table.Columns.Count == 0)
        {
            return;
        }

        var shape = Shape(table, fonts);
        pages.Ensure(shape.HeaderHeight + (table.Rows.Count > 0 ? shape.RowHeights[0] : 0));
        PlaceHeader(pages, shape, fonts);
        for (int r = 0; r < table.Rows.Count; r++)
        {
            if (shape.RowHeights[r] > pages.Remaining)
            {
                pages.NewPage();
                PlaceHeader(pages, shape, fonts);
            }

            PlaceRow(pages, shape, fonts, r);
        }

        pages.Y += 10;
    }

    private static void PlaceHeader(PdfPageLayout pages, TableShape shape, PdfFonts fonts)
    {
        float top = pages.Y;
        pages.Add(canvas =>
        {
            using var fill = new SKPaint { Color = HeaderFill, Style = SKPaintStyle.Fill };
            canvas.DrawRect(new SKRect(PdfPageLayout.Left, top, PdfPageLayout.Left + shape.Widths.Sum(), top + shape.HeaderHeight), fill);
            DrawCells(canvas, shape, shape.Header, top, _ => fonts.TableBold, _ => ChartPalette.Text);
            DrawRule(canvas, shape, top + shape.HeaderHeight, ChartPalette.Axis);
        });
        pages.Y += shape.HeaderHeight;
    }

    private static void PlaceRow(PdfPageLayout pages, TableShape shape, PdfFonts fonts, int r)
    {
        float top = pages.Y;
        float height = shape.RowHeights[r];
        var cells = shape.Cells[r];
        pages.Add(canvas =>
        {
            if (r % 2 == 1)
            {
                using var zebra = new SKPaint { Color = ZebraFill, Style = SKPaintStyle.Fill };
                canvas.DrawRect(new SKRect(PdfPageLayout.Left, top, PdfPageLayout.Left + shape.Widths.Sum(), top + height), zebra);
            }

            float x = PdfPageLayout.Left;
            using var flag = new SKPaint { Color = PdfWriter.FlagFill, Style = SKPaintStyle.Fill };
            for (int c = 0; c < cells.Count; c++)
            {
                if (cells[c].Style == CellStyle.Flagged)
                {
                    canvas.DrawRect(new SKRect(x, top, x + shape.Widths[c], top + height), flag);
                }

                x += shape.Widths[c];
            }

            DrawCells(canvas, shape, cells, top, c => Font(cells[c].Style, fonts), c => cells[c].Style == CellStyle.Flagged ? PdfWriter.FlagText : ChartPalette.Text);
            DrawRule(canvas, shape, top + height, RuleColour);
        });
        pages.Y += height;
    }

    private static void DrawCells(SKCanvas canvas, TableShape shape, IReadOnlyList<WrappedCell> cells, float top, Func<int, SKFont> font, Func<int, SKColor> colour)
    {
        float x = PdfPageLayout.Left;
        for (int c = 0; c < cells.Count; c++)
        {
            var cellFont = font(c);
            using var ink = new SKPaint { Color = colour(c), IsAntialias = true };
            float baseline = top + PadY - cellFont.Metrics.Ascent;
            foreach (string line in cells[c].Lines)
            {
                var (tx, align) = shape.Aligns[c] switch
                {
                    ColumnAlign.Right => (x + shape.Widths[c] - PadX, SKTextAlign.Right),
                    ColumnAlign.Center => (x + (shape.Widths[c] / 2), SKTextAlign.Center),
                    _ => (x + PadX, SKTextAlign.Left),
                };
                TextInk.Draw(canvas, line, tx, baseline, align, cellFont, ink);
                baseline += PdfFonts.LineHeight(cellFont);
            }

            x += shape.Widths[c];
        }
    }

    private static void DrawRule(SKCanvas canvas, TableShape shape, float y, SKColor colour)
    {
        using var rule = new SKPaint { Color = colour, StrokeWidth = 0.5f, Style = SKPaintStyle.Stroke };
        canvas.DrawLine(PdfPageLayout.Left, y, PdfPageLayout.Left + shape.Widths.Sum(), y, rule);
    }

    private static TableShape Shape(ReportTable table, PdfFonts fonts)
    {
        int n = table.Columns.Count;
        var rows = table.Rows.Select(row => Enumerable.Range(0, n).Select(c => c < row.Count ? row[c] : new TableCell(string.Empty)).ToList()).ToList();
        var natural = new float[n];
        for (int c = 0; c < n; c++)
        {
            natural[c] = Math.Max(24, rows.Select(row => Font(row[c].Style, fonts).MeasureText(row[c].Text))
                .Append(fonts.TableBold.MeasureText(table.Columns[c].Header)).Max() + (2 * PadX));
        }

        var widths = Widths(natural, PdfPageLayout.ContentWidth);
        var aligns = table.Columns.Select((col, c) => col.Align != ColumnAlign.Auto ? col.Align
            : rows.All(row => IsFigure(row[c].Text)) && rows.Count > 0 ? ColumnAlign.Right : ColumnAlign.Left).ToList();
        var header = table.Columns.Select((col, c) => Wrap(new TableCell(col.Header, CellStyle.Strong), fonts.TableBold, widths[c])).ToList();
        var cells = rows.Select(row => (IReadOnlyList<WrappedCell>)row.Select((cell, c) => Wrap(cell, Font(cell.Style, fonts), widths[c])).ToList()).ToList();
        return new TableShape(widths, aligns, header, Height(header, fonts.TableBold), cells, cells.Select(row => Height(row, fonts.Table)).ToList());
    }

    /// <summary>
    /// Natural widths scaled to the text width. When they do not fit, columns narrower than an equal share keep
    /// their width (figures stay on one line) and the wide ones share what is left and wrap.
    /// </summary>
    private static float[] Widths(float[] natural, float available)
    {
        float total = natural.Sum();
        if (total <= available)
        {
            return natural.Select(w => w * available / total).ToArray();
        }

        float share = available / natural.Length;
        float kept = natural.Where(w => w <= share).Sum();
        float wide = natural.Where(w => w > share).Sum();
        return natural.Select(w => w <= share ? w : w * (available - kept) / wide).ToArray();
    }

    private static SKFont Font(CellStyle style, PdfFonts fonts) => style == CellStyle.Normal ? fonts.Table : fonts.TableBold;

    private static WrappedCell Wrap(TableCell cell, SKFont font, float width) => new(TextWrap.Lines(cell.Text, font, width - (2 * PadX)), cell.Style);

    private static float Height(IReadOnlyList<WrappedCell> row, SKFont font) =>
        (row.Max(c => Math.Max(1, c.Lines.Count)) * PdfFonts.LineHeight(font)) - (PdfFonts.LineHeight(font) - ChartText.Height(font)) + (2 * PadY);

    private static bool IsFigure(string text) => text.Length == 0 || FigurePattern().IsMatch(text);

    [GeneratedRegex(@"^(—|-|[-+−]?\d[\d,]*(\.\d+)?\s*%?)$")]
    private static partial Regex FigurePattern();

    private sealed record WrappedCell(IReadOnlyList<string> Lines, CellStyle Style);

    private sealed record TableShape(
        float[] Widths,
        IReadOnlyList<ColumnAlign> Aligns,
        IReadOnlyList<WrappedCell> Header,
        float HeaderHeight,
        IReadOnlyList<IReadOnlyList<WrappedCell>> Cells,
        IReadOnlyList<float> RowHeights);
}
