using SkiaSharp;

namespace HallDevices.Testing;

/// <summary>Pixel comparisons of rendered pictures (boards, kiosk screens).</summary>
public static class Pixels
{
    /// <summary>Pixels that differ between two bitmaps inside <paramref name="rect"/>.</summary>
    public static int Differences(SKBitmap a, SKBitmap b, SKRect rect)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var n = 0;
        for (var y = (int)rect.Top; y < (int)rect.Bottom; y++)
        {
            for (var x = (int)rect.Left; x < (int)rect.Right; x++)
            {
                if (a.GetPixel(x, y) != b.GetPixel(x, y))
                {
                    n++;
                }
            }
        }

        return n;
    }
}
