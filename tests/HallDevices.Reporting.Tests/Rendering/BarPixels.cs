using SkiaSharp;

namespace HallDevices.Reporting.Tests.Rendering;

/// <summary>
/// Finds bars in a picture by their colour alone, without knowing the painter's layout: vertical bars all
/// stand on the lowest row holding the colour (the axis), so the runs of that colour along that row are the
/// bars, left to right, and each one's height is counted up from there. Legend swatches never reach the axis.
/// </summary>
internal static class BarPixels
{
    public readonly record struct Bar(int Left, int Right, int Length)
    {
        public double Middle => (Left + Right) / 2.0;
    }

    public static SKBitmap Load(byte[] png) => SKBitmap.Decode(png) ?? throw new InvalidDataException("not a PNG");

    public static SKBitmap Load(string path) => SKBitmap.Decode(path) ?? throw new InvalidDataException($"not a PNG: {path}");

    public static bool Near(SKColor a, SKColor b, int tolerance) =>
        Math.Abs(a.Red - b.Red) <= tolerance && Math.Abs(a.Green - b.Green) <= tolerance && Math.Abs(a.Blue - b.Blue) <= tolerance;

    public static int Count(SKBitmap image, SKColor colour, int tolerance)
    {
        int count = 0;
        for (int y = 0; y < image.Height; y++)
        {
            for (int x = 0; x < image.Width; x++)
            {
                if (Near(image.GetPixel(x, y), colour, tolerance))
                {
                    count++;
                }
            }
        }

        return count;
    }

    /// <summary>Vertical bars of <paramref name="colour"/>, left to right, standing on the lowest row that has the colour (two pixels wide at least: a stray pixel is no bar).</summary>
    public static List<Bar> Vertical(SKBitmap image, SKColor colour, int tolerance)
    {
        bool Is(int x, int y) => Near(image.GetPixel(x, y), colour, tolerance);
        int baseline = Enumerable.Range(0, image.Height).Reverse().FirstOrDefault(y => Enumerable.Range(0, image.Width - 1).Any(x => Is(x, y) && Is(x + 1, y)), -1);
        var bars = new List<Bar>();
        if (baseline < 0)
        {
            return bars;
        }

        for (int x = 0; x < image.Width; x++)
        {
            if (!Is(x, baseline) || x + 1 >= image.Width || !Is(x + 1, baseline))
            {
                continue;
            }

            int left = x;
            while (x + 1 < image.Width && Is(x + 1, baseline))
            {
                x++;
            }

            int height = Enumerable.Range(left, x - left + 1).Max(c => Enumerable.Range(0, baseline + 1).TakeWhile(d => Is(c, baseline - d)).Count());
            bars.Add(new Bar(left, x, height));
        }

        return bars;
    }

    /// <summary>Horizontal bars of <paramref name="colour"/>, top to bottom, all starting at the leftmost column that has the colour.</summary>
    public static List<Bar> Horizontal(SKBitmap image, SKColor colour, int tolerance)
    {
        bool Is(int x, int y) => Near(image.GetPixel(x, y), colour, tolerance);
        int axis = Enumerable.Range(0, image.Width).FirstOrDefault(x => Enumerable.Range(0, image.Height - 1).Any(y => Is(x, y) && Is(x, y + 1)), -1);
        var bars = new List<Bar>();
        if (axis < 0)
        {
            return bars;
        }

        for (int y = 0; y < image.Height; y++)
        {
            if (!Is(axis, y) || y + 1 >= image.Height || !Is(axis, y + 1))
            {
                continue;
            }

            int top = y;
            while (y + 1 < image.Height && Is(axis, y + 1))
            {
                y++;
            }

            int length = Enumerable.Range(top, y - top + 1).Max(r => Enumerable.Range(axis, image.Width - axis).TakeWhile(c => Is(c, r)).Count());
            bars.Add(new Bar(top, y, length));
        }

        return bars;
    }
}
