using SkiaSharp;

namespace HallDevices.Reporting.Rendering;

/// <summary>The fonts of a PDF report (sizes in points) and its line heights.</summary>
internal sealed class PdfFonts : IDisposable
{
    public PdfFonts(SKTypeface typeface)
    {
        Typeface = typeface;
        Title = ChartText.NewFont(typeface, 20, bold: true);
        Subtitle = ChartText.NewFont(typeface, 11, bold: false);
        Heading1 = ChartText.NewFont(typeface, 15, bold: true);
        Heading2 = ChartText.NewFont(typeface, 12.5f, bold: true);
        Body = ChartText.NewFont(typeface, 10.5f, bold: false);
        Muted = ChartText.NewFont(typeface, 9, bold: false);
        Table = ChartText.NewFont(typeface, 9, bold: false);
        TableBold = ChartText.NewFont(typeface, 9, bold: true);
        Footer = ChartText.NewFont(typeface, 8.5f, bold: false);
    }

    /// <summary>The typeface every font draws with; <see cref="Use"/> swaps it for the subset before the real drawing.</summary>
    public SKTypeface Typeface { get; private set; }

    public SKFont Title { get; }

    public SKFont Subtitle { get; }

    public SKFont Heading1 { get; }

    public SKFont Heading2 { get; }

    public SKFont Body { get; }

    public SKFont Muted { get; }

    public SKFont Table { get; }

    public SKFont TableBold { get; }

    public SKFont Footer { get; }

    /// <summary>Line pitch of running text: 1.5 × the font's line box, as Chinese text reads best.</summary>
    public static float LineHeight(SKFont font) => ChartText.Height(font) * 1.45f;

    /// <summary>Draws with <paramref name="typeface"/> from now on (same glyph IDs and metrics, so the layout holds).</summary>
    public void Use(SKTypeface typeface)
    {
        Typeface = typeface;
        foreach (var font in All)
        {
            font.Typeface = typeface;
        }
    }

    public void Dispose()
    {
        foreach (var font in All)
        {
            font.Dispose();
        }
    }

    private SKFont[] All => [Title, Subtitle, Heading1, Heading2, Body, Muted, Table, TableBold, Footer];
}
