using System.Globalization;
using SkiaSharp;

namespace HallDevices.Reporting.Rendering;

/// <summary>Fonts of one chart (sized to the chart) and the number and text helpers the painters share.</summary>
internal sealed class ChartText : IDisposable
{
    public ChartText(SKTypeface typeface, float scale)
    {
        Scale = scale;
        Title = NewFont(typeface, 15 * scale, bold: true);
        Label = NewFont(typeface, 10.5f * scale, bold: false);
        Value = NewFont(typeface, 9.5f * scale, bold: false);
        Small = NewFont(typeface, 9 * scale, bold: false);
        Typeface = typeface;
    }

    public SKTypeface Typeface { get; }

    /// <summary>Multiplier of every length in the chart: 1 for a chart about 560 × 320 units.</summary>
    public float Scale { get; }

    public SKFont Title { get; }

    public SKFont Label { get; }

    public SKFont Value { get; }

    public SKFont Small { get; }

    public static SKFont NewFont(SKTypeface typeface, float size, bool bold) => new(typeface, size)
    {
        Edging = SKFontEdging.Antialias,
        Subpixel = true,
        // wqy-microhei has no bold face; emboldening the outline is how titles stand out.
        Embolden = bold,
    };

    public static float Height(SKFont font) => font.Metrics.Descent - font.Metrics.Ascent;

    /// <summary>Baseline that centres the font's line box vertically on <paramref name="middle"/>.</summary>
    public static float CentredBaseline(SKFont font, float middle) => middle - ((font.Metrics.Ascent + font.Metrics.Descent) / 2);

    /// <summary>A number as a chart prints it: whole numbers without decimals, others with one.</summary>
    public static string Number(double value) =>
        Math.Abs(value - Math.Round(value)) < 1e-9
            ? Math.Round(value).ToString("0", CultureInfo.InvariantCulture)
            : value.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>A share 0..1 as a percentage with at most one decimal, e.g. 37.5%.</summary>
    public static string Percent(double share) => (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    /// <summary>The text, cut with an ellipsis so it is at most <paramref name="width"/> wide.</summary>
    public static string Fit(string text, SKFont font, float width)
    {
        if (font.MeasureText(text) <= width)
        {
            return text;
        }

        for (int length = text.Length - 1; length > 0; length--)
        {
            string cut = string.Concat(text.AsSpan(0, length), "…");
            if (font.MeasureText(cut) <= width)
            {
                return cut;
            }
        }

        return string.Empty;
    }

    public void Dispose()
    {
        Title.Dispose();
        Label.Dispose();
        Value.Dispose();
        Small.Dispose();
    }
}
