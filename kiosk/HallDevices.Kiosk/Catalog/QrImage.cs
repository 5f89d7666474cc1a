using SkiaSharp;
using ZXing;
using ZXing.QrCode;

namespace HallDevices.Kiosk.Catalog;

/// <summary>A QR code as a PNG for the touch screen (全程网办 links): black modules on white, drawn module by module so it stays sharp.</summary>
public static class QrImage
{
    /// <summary>The longest text encoded: far more than any link of a guide, far less than a QR code's capacity.</summary>
    public const int MaxTextLength = 512;

    /// <summary>The PNG of <paramref name="text"/>, <paramref name="module"/> pixels per module with a four-module quiet zone.</summary>
    /// <exception cref="ArgumentException">Empty, or longer than <see cref="MaxTextLength"/>.</exception>
    public static byte[] Png(string text, int module = 6)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        if (text.Length > MaxTextLength)
        {
            throw new ArgumentException($"at most {MaxTextLength} characters", nameof(text));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(module, 1);
        var hints = new Dictionary<EncodeHintType, object> { [EncodeHintType.MARGIN] = 4, [EncodeHintType.CHARACTER_SET] = "UTF-8" };
        var matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, hints);
        var size = matrix.Width * module;
        using var bitmap = new SKBitmap(new SKImageInfo(size, matrix.Height * module, SKColorType.Gray8, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(bitmap))
        using (var ink = new SKPaint { Color = SKColors.Black, IsAntialias = false })
        {
            canvas.Clear(SKColors.White);
            for (var row = 0; row < matrix.Height; row++)
            {
                for (var col = 0; col < matrix.Width; col++)
                {
                    if (matrix[col, row])
                    {
                        canvas.DrawRect(col * module, row * module, module, module, ink);
                    }
                }
            }
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }
}
