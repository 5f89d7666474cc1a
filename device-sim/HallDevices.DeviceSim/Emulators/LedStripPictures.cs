using HallDevices.Devices.Signs;
using SkiaSharp;

namespace HallDevices.DeviceSim.Emulators;

/// <summary>
/// Draws what an LED window strip shows as a PNG: the text rendered 1-bit at the strip's pixel
/// height (<see cref="SignTextRenderer"/>, CJK font by path), each lit pixel a red LED dot.
/// </summary>
public sealed class LedStripPictures(string outDir, SignTextRenderer renderer, int pixelHeight = 16) : IDisposable
{
    /// <summary>Size of one LED dot in the picture.</summary>
    public const int Dot = 4;

    /// <summary>Minimum strip width in LED pixels (a blank strip still has a size).</summary>
    public const int MinWidth = 64;

    /// <summary>Colour of a lit LED.</summary>
    public static readonly SKColor Lit = new(255, 40, 20);

    /// <summary>Writes <c>led-{counter}.png</c> (atomically) and returns its path.</summary>
    public string Write(string counter, string text)
    {
        Directory.CreateDirectory(outDir);
        var bitmap = text.Length == 0 ? new Devices.Imaging.MonoBitmap(MinWidth, pixelHeight) : renderer.Render(text, pixelHeight);
        var width = Math.Max(MinWidth, bitmap.Width) + 2;
        using var image = new SKBitmap((width * Dot), (pixelHeight + 2) * Dot);
        using (var canvas = new SKCanvas(image))
        using (var on = new SKPaint { Color = Lit, IsAntialias = true })
        using (var off = new SKPaint { Color = new SKColor(40, 10, 10), IsAntialias = true })
        {
            canvas.Clear(SKColors.Black);
            for (var y = 0; y < pixelHeight; y++)
            {
                for (var x = 0; x < width - 2; x++)
                {
                    canvas.DrawCircle(((x + 1) * Dot) + (Dot / 2f), ((y + 1) * Dot) + (Dot / 2f), Dot * 0.45f, bitmap[x, y] ? on : off);
                }
            }
        }

        var path = Path.Combine(outDir, $"led-{counter}.png");
        var temp = path + ".tmp";
        using (var data = image.Encode(SKEncodedImageFormat.Png, 100))
        using (var file = File.Create(temp))
        {
            data.SaveTo(file);
        }

        File.Move(temp, path, overwrite: true);
        return path;
    }

    /// <inheritdoc />
    public void Dispose() => renderer.Dispose();
}
