using System.Text;
using HallDevices.Devices.Printer;
using SkiaSharp;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace HallDevices.DeviceSim.Emulators;

/// <summary>
/// Draws one receipt the way a thermal printer would: the parsed ESC/POS commands between two
/// cuts, on paper <see cref="Width"/> dots wide (203 dpi). Text uses the printer's 12×24-dot cell
/// scaled by <c>GS !</c>; raster images are placed bit for bit; a stored QR symbol is encoded again
/// with ZXing and drawn module by module at the module size the host asked for, so a real decoder
/// reads the PNG just as it would read the paper.
/// </summary>
public sealed class ReceiptRenderer(string fontPath, int width = 576) : IDisposable
{
    private const int CellHeight = 24;
    private const int Margin = 8;
    private readonly SKTypeface _typeface = SKTypeface.FromFile(fontPath)
        ?? throw new FileNotFoundException($"CJK font not found: {fontPath} (Debian: fonts-wqy-microhei)", fontPath);

    /// <summary>Paper width in dots.</summary>
    public int Width => width;

    /// <summary>Renders the commands of one receipt to PNG bytes.</summary>
    public byte[] RenderPng(IReadOnlyList<EscPosCommand> commands)
    {
        ArgumentNullException.ThrowIfNull(commands);
        using var bitmap = new SKBitmap(new SKImageInfo(width, 16_000, SKColorType.Gray8, SKAlphaType.Opaque));
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.White);
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        using var dot = new SKPaint { Color = SKColors.Black, IsAntialias = false };
        var y = (float)Margin;
        var line = new List<EscPosText>();

        void FlushLine(int feeds)
        {
            var height = line.Count == 0 ? CellHeight : line.Max(t => t.Style.Height) * CellHeight;
            if (line.Count > 0)
            {
                var runs = line.Select(t => (Text: t, Font: FontFor(t.Style))).ToList();
                var total = runs.Sum(r => r.Font.MeasureText(r.Text.Text));
                var x = AlignX(line[0].Style.Alignment, total);
                foreach (var (text, font) in runs)
                {
                    canvas.DrawText(text.Text, x, y + height - (font.Metrics.Descent * 0.5f), SKTextAlign.Left, font, ink);
                    x += font.MeasureText(text.Text);
                    font.Dispose();
                }
            }

            y += height * Math.Max(1, feeds) + 6;
            line.Clear();
        }

        foreach (var command in commands)
        {
            switch (command)
            {
                case EscPosText text:
                    line.Add(text);
                    break;
                case EscPosLineFeed feed:
                    FlushLine(feed.Lines);
                    break;
                case EscPosDotFeed dots:
                    y += dots.Dots;
                    break;
                case EscPosRasterImage image:
                    if (line.Count > 0)
                    {
                        FlushLine(1);
                    }

                    y = DrawRaster(canvas, dot, image, y);
                    break;
                case EscPosQrCode qr when qr.Data.Length > 0:
                    if (line.Count > 0)
                    {
                        FlushLine(1);
                    }

                    y = DrawMatrix(canvas, dot, Qr(qr), qr.ModuleSize, qr.ModuleSize, qr.Alignment, y);
                    break;
                case EscPosBarcode barcode when barcode.Data.Length > 0:
                    if (line.Count > 0)
                    {
                        FlushLine(1);
                    }

                    var bars = new ZXing.OneD.Code128Writer().encode(Encoding.ASCII.GetString(barcode.Data).TrimStart('{', 'B'), BarcodeFormat.CODE_128, 0, 1);
                    y = DrawMatrix(canvas, dot, bars, 2, 80, barcode.Alignment, y);
                    break;
            }
        }

        if (line.Count > 0)
        {
            FlushLine(1);
        }

        var height = (int)Math.Min(bitmap.Height, Math.Ceiling(y) + Margin);
        using var receipt = new SKBitmap(width, height, SKColorType.Gray8, SKAlphaType.Opaque);
        bitmap.ExtractSubset(receipt, new SKRectI(0, 0, width, height));
        using var data = receipt.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <inheritdoc />
    public void Dispose() => _typeface.Dispose();

    private SKFont FontFor(EscPosTextStyle style)
    {
        // The printer's cell is 12 dots wide and 24 high for a Latin character; a hanzi takes two cells.
        var font = new SKFont(_typeface, CellHeight * style.Height)
        {
            ScaleX = (float)style.Width / style.Height,
            Embolden = style.Bold,
        };
        return font;
    }

    private float AlignX(EscPosAlignment alignment, float contentWidth) => alignment switch
    {
        EscPosAlignment.Center => Math.Max(0, (width - contentWidth) / 2f),
        EscPosAlignment.Right => Math.Max(0, width - contentWidth),
        _ => 0,
    };

    private float DrawRaster(SKCanvas canvas, SKPaint dot, EscPosRasterImage image, float y)
    {
        var sx = image.Mode is 1 or 3 ? 2 : 1;
        var sy = image.Mode is 2 or 3 ? 2 : 1;
        var x0 = AlignX(image.Alignment, image.WidthBytes * 8 * sx);
        for (var row = 0; row < image.Height; row++)
        {
            for (var col = 0; col < image.WidthBytes * 8; col++)
            {
                var b = image.Data[(row * image.WidthBytes) + (col / 8)];
                if ((b & (0x80 >> (col % 8))) != 0)
                {
                    canvas.DrawRect(x0 + (col * sx), y + (row * sy), sx, sy, dot);
                }
            }
        }

        return y + (image.Height * sy);
    }

    private float DrawMatrix(SKCanvas canvas, SKPaint dot, BitMatrix matrix, int moduleWidth, int moduleHeight, EscPosAlignment alignment, float y)
    {
        var rows = matrix.Height;
        var rowHeight = rows == 1 ? moduleHeight : moduleWidth;
        var x0 = AlignX(alignment, matrix.Width * moduleWidth);
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < matrix.Width; c++)
            {
                if (matrix[c, r])
                {
                    canvas.DrawRect(x0 + (c * moduleWidth), y + (r * rowHeight), moduleWidth, rowHeight, dot);
                }
            }
        }

        return y + (rows * rowHeight) + 6;
    }

    private static BitMatrix Qr(EscPosQrCode qr)
    {
        var level = qr.ErrorLevel switch
        {
            QrErrorLevel.L => ZXing.QrCode.Internal.ErrorCorrectionLevel.L,
            QrErrorLevel.Q => ZXing.QrCode.Internal.ErrorCorrectionLevel.Q,
            QrErrorLevel.H => ZXing.QrCode.Internal.ErrorCorrectionLevel.H,
            _ => ZXing.QrCode.Internal.ErrorCorrectionLevel.M,
        };
        var hints = new Dictionary<EncodeHintType, object> { [EncodeHintType.ERROR_CORRECTION] = level, [EncodeHintType.MARGIN] = 4, [EncodeHintType.CHARACTER_SET] = "UTF-8" };
        return new QRCodeWriter().encode(Encoding.UTF8.GetString(qr.Data), BarcodeFormat.QR_CODE, 0, 0, hints);
    }
}
