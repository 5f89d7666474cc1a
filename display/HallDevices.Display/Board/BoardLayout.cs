using SkiaSharp;

namespace HallDevices.Display.Board;

/// <summary>
/// Where everything goes on a screen of a given size. Landscape is designed at 1920×1080 and
/// portrait at 1080×1920, then scaled, so 4K and odd sizes keep the proportions. Tests crop by
/// these rectangles to check what is drawn where.
/// </summary>
internal sealed record BoardLayout(
    int Width,
    int Height,
    bool Portrait,
    float Scale,
    SKRect Header,
    SKRect CurrentPanel,
    SKRect CurrentNumber,
    SKRect CurrentCounter,
    SKRect RecentCalls,
    SKRect Waiting,
    SKRect Notice)
{
    public static BoardLayout For(int width, int height)
    {
        if (height > width)
        {
            var sx = width / 1080f;
            var sy = height / 1920f;
            return new BoardLayout(
                width,
                height,
                true,
                Math.Min(sx, sy),
                R(0, 0, 1080, 160),
                R(40, 180, 1040, 860),
                R(60, 260, 1020, 640),
                R(60, 660, 1020, 840),
                R(40, 890, 1040, 1420),
                R(40, 1440, 1040, 1810),
                R(0, 1830, 1080, 1920));

            SKRect R(float l, float t, float r, float b) => new(l * sx, t * sy, r * sx, b * sy);
        }
        else
        {
            var sx = width / 1920f;
            var sy = height / 1080f;
            return new BoardLayout(
                width,
                height,
                false,
                Math.Min(sx, sy),
                R(0, 0, 1920, 120),
                R(40, 150, 1100, 960),
                R(60, 260, 1080, 660),
                R(60, 700, 1080, 900),
                R(1140, 150, 1880, 590),
                R(1140, 610, 1880, 960),
                R(0, 990, 1920, 1080));

            SKRect R(float l, float t, float r, float b) => new(l * sx, t * sy, r * sx, b * sy);
        }
    }
}
