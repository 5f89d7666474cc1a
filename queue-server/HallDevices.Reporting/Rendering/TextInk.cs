using SkiaSharp;

namespace HallDevices.Reporting.Rendering;

/// <summary>
/// Every string the charts and the PDF draw goes through here, so a dry run of the pages can tell which
/// characters the document uses (<see cref="Collect"/>) before the font is cut down to them.
/// </summary>
internal static class TextInk
{
    [ThreadStatic]
    private static HashSet<int>? t_collected;

    public static void Draw(SKCanvas canvas, string text, float x, float y, SKTextAlign align, SKFont font, SKPaint paint)
    {
        if (t_collected is { } collected)
        {
            foreach (var rune in text.EnumerateRunes())
            {
                collected.Add(rune.Value);
            }
        }

        canvas.DrawText(text, x, y, align, font, paint);
    }

    /// <summary>Runs <paramref name="draw"/> and returns the code points it drew (on this thread).</summary>
    public static HashSet<int> Collect(Action draw)
    {
        var outer = t_collected;
        var collected = new HashSet<int>();
        t_collected = collected;
        try
        {
            draw();
            return collected;
        }
        finally
        {
            t_collected = outer;
        }
    }
}
