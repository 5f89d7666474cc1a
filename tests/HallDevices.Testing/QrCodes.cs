using SkiaSharp;
using ZXing;

namespace HallDevices.Testing;

/// <summary>Reads QR codes from images the way a phone camera would: a real decoder, no shortcuts.</summary>
public static class QrCodes
{
    /// <summary>The QR code's text in a PNG file, or null when none is found.</summary>
    public static string? DecodePng(string path)
    {
        using var bitmap = SKBitmap.Decode(path) ?? throw new InvalidDataException($"{path} is not an image");
        var gray = new byte[bitmap.Width * bitmap.Height];
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                var c = bitmap.GetPixel(x, y);
                gray[(y * bitmap.Width) + x] = (byte)((c.Red + c.Green + c.Blue) / 3);
            }
        }

        return Decode(gray, bitmap.Width, bitmap.Height);
    }

    /// <summary>The QR code's text in an 8-bit grey image, or null.</summary>
    public static string? Decode(byte[] gray, int width, int height)
    {
        // ZXing's detector misses a few valid symbols held one way up (about 1 tracking URL in 300,
        // e.g. http://127.0.0.1:40737/t/xinqiao/A003, made the demo test fail now and then); a phone
        // user turns the phone, and AutoRotate makes the reader look at the turned image too.
        var reader = new BarcodeReaderGeneric { AutoRotate = true, Options = { PossibleFormats = [BarcodeFormat.QR_CODE], TryHarder = true } };
        return reader.Decode(new RGBLuminanceSource(gray, width, height, RGBLuminanceSource.BitmapFormat.Gray8))?.Text;
    }
}
