using HallDevices.Devices.Imaging;
using SkiaSharp;
using ZXing;
using ZXing.QrCode;

namespace HallDevices.Kiosk.Tickets;

/// <summary>
/// Draws a ticket with SkiaSharp for a thermal printer: 384 dots wide on 58 mm paper, 576 on
/// 80 mm (203 dpi), Chinese in the CJK font, the tracking QR code drawn module by module from
/// ZXing's matrix so it stays sharp after thresholding. A short guide, when asked for, goes below
/// the details, left-aligned and wrapped within the margins.
/// </summary>
public sealed class TicketRenderer : IDisposable
{
    private readonly SKTypeface _typeface;
    private readonly int _width;

    /// <summary>Creates a renderer for <paramref name="paperWidthMm"/> (58 or 80) with the font file at <paramref name="fontPath"/>.</summary>
    public TicketRenderer(int paperWidthMm, string fontPath)
    {
        _width = paperWidthMm switch
        {
            58 => 384,
            80 => 576,
            _ => throw new ArgumentOutOfRangeException(nameof(paperWidthMm), paperWidthMm, "paper width must be 58 or 80 mm"),
        };
        _typeface = SKTypeface.FromFile(fontPath)
            ?? throw new FileNotFoundException($"CJK font not found or unreadable: {fontPath} (Debian: fonts-wqy-microhei)", fontPath);
    }

    /// <summary>Dots per line.</summary>
    public int Width => _width;

    /// <summary>Renders the ticket to a grey-scale bitmap (caller disposes).</summary>
    public SKBitmap Render(TicketContent ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var margin = Margin;
        var lines = ticket.DetailLines();
        var qr = QrModules(ticket.TrackUrl);
        var module = Math.Max(3, (_width / 2) / qr.Width);
        var qrSize = qr.Width * module;

        using var title = Font(_width / 16f);
        using var big = Font(_width / 4.2f);
        big.Embolden = true; // thin strokes fade on thermal paper; the number must read from afar
        using var body = Font(_width / 20f);
        using var small = Font(_width / 26f);

        using var guideFont = GuideFont();
        var guide = GuideRows(ticket.GuideLines);
        var guideHeight = guide.Count == 0 ? 0 : margin + RuleHeight + (margin / 2f) + (guide.Count * Line(guideFont));
        var height = margin + Line(title) + Line(big) + (lines.Count * Line(body)) + guideHeight + margin + qrSize + margin + Line(small) + margin;

        var bitmap = new SKBitmap(new SKImageInfo(_width, (int)Math.Ceiling(height), SKColorType.Gray8, SKAlphaType.Opaque));
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.White);
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        float y = margin;
        y = Centered(canvas, ticket.HallName, title, ink, y);
        y = Centered(canvas, ticket.Number, big, ink, y);
        foreach (var line in lines)
        {
            y = Centered(canvas, line, body, ink, y);
        }

        if (guide.Count > 0)
        {
            // A rule, then the guide left-aligned: a list reads down its left edge.
            y += margin;
            canvas.DrawRect(margin, y, _width - (2 * margin), RuleHeight, ink);
            y += RuleHeight + (margin / 2f);
            foreach (var row in guide)
            {
                canvas.DrawText(row, margin, y - guideFont.Metrics.Ascent, SKTextAlign.Left, guideFont, ink);
                y += Line(guideFont);
            }
        }

        y += margin;
        var left = (_width - qrSize) / 2f;
        using var square = new SKPaint { Color = SKColors.Black, IsAntialias = false };
        for (var row = 0; row < qr.Height; row++)
        {
            for (var col = 0; col < qr.Width; col++)
            {
                if (qr[col, row])
                {
                    canvas.DrawRect(left + (col * module), y + (row * module), module, module, square);
                }
            }
        }

        y += qrSize + margin;
        Centered(canvas, ticket.Hint, small, ink, y);
        return bitmap;
    }

    /// <summary>Renders and thresholds the ticket into printer raster bits.</summary>
    public MonoBitmap RenderMonochrome(TicketContent ticket)
    {
        using var bitmap = Render(ticket);
        return ToMonochrome(bitmap);
    }

    /// <summary>Thresholds a bitmap at mid-grey: the thermal head prints dots, not shades.</summary>
    public static MonoBitmap ToMonochrome(SKBitmap bitmap)
    {
        ArgumentNullException.ThrowIfNull(bitmap);
        var mono = new MonoBitmap(bitmap.Width, bitmap.Height);
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                var c = bitmap.GetPixel(x, y);
                mono[x, y] = (c.Red + c.Green + c.Blue) / 3 < 128;
            }
        }

        return mono;
    }

    /// <inheritdoc />
    public void Dispose() => _typeface.Dispose();

    private const float RuleHeight = 2;

    private SKFont Font(float size) => new(_typeface, size);

    /// <summary>The guide lines as printed: each wrapped within the margins in the guide's font.</summary>
    internal List<string> GuideRows(IReadOnlyList<string> guideLines)
    {
        using var font = GuideFont();
        var width = _width - (2 * Margin);
        return [.. (guideLines ?? []).SelectMany(line => TicketText.Wrap(line, width, s => font.MeasureText(s)))];
    }

    /// <summary>Left and right margin in dots.</summary>
    internal int Margin => _width / 24;

    // The guide is small print, but not below 20 dots (2.5 mm) so 58 mm paper stays readable.
    private SKFont GuideFont() => Font(Math.Max(_width / 24f, 20f));

    private static float Line(SKFont font) => font.Spacing * 1.1f;

    private float Centered(SKCanvas canvas, string text, SKFont font, SKPaint paint, float top)
    {
        var width = font.MeasureText(text);
        var size = font.Size;
        if (width > _width * 0.94f)
        {
            // Long service names shrink to fit rather than run off the paper.
            font.Size = size * (_width * 0.94f) / width;
            width = font.MeasureText(text);
        }

        canvas.DrawText(text, (_width - width) / 2f, top - font.Metrics.Ascent, SKTextAlign.Left, font, paint);
        var next = top + Line(font);
        font.Size = size;
        return next;
    }

    private static ZXing.Common.BitMatrix QrModules(string text)
    {
        var hints = new Dictionary<EncodeHintType, object> { [EncodeHintType.MARGIN] = 2, [EncodeHintType.CHARACTER_SET] = "UTF-8" };
        return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, hints);
    }
}
