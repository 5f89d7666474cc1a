using SkiaSharp;

namespace HallDevices.Reporting.Rendering;

/// <summary>The parts every chart has: white ground, title, legend and footnote; what is left is the body.</summary>
internal static class ChartFrame
{
    /// <summary>Draws the frame and returns the rectangle left for the chart body.</summary>
    public static SKRect Draw(SKCanvas canvas, SKRect area, ChartText text, string title, IReadOnlyList<(string Name, SKColor Colour)> legend, string? note)
    {
        float s = text.Scale;
        float pad = 10 * s;
        using (var ground = new SKPaint { Color = SKColors.White, Style = SKPaintStyle.Fill })
        {
            canvas.DrawRect(area, ground);
        }

        using var ink = new SKPaint { Color = ChartPalette.Text, IsAntialias = true };
        float y = area.Top + pad;
        string shown = ChartText.Fit(title, text.Title, area.Width - (2 * pad));
        TextInk.Draw(canvas, shown, area.MidX, y - text.Title.Metrics.Ascent, SKTextAlign.Center, text.Title, ink);
        y += ChartText.Height(text.Title) + (pad * 0.6f);

        if (legend.Count > 0)
        {
            y = DrawLegend(canvas, area, text, legend, y) + (pad * 0.6f);
        }

        float bottom = area.Bottom - pad;
        if (!string.IsNullOrEmpty(note))
        {
            using var muted = new SKPaint { Color = ChartPalette.MutedText, IsAntialias = true };
            string fitted = ChartText.Fit(note, text.Small, area.Width - (2 * pad));
            TextInk.Draw(canvas, fitted, area.Left + pad, bottom - text.Small.Metrics.Descent, SKTextAlign.Left, text.Small, muted);
            bottom -= ChartText.Height(text.Small) + (pad * 0.5f);
        }

        return new SKRect(area.Left + pad, y, area.Right - pad, Math.Max(y + 1, bottom));
    }

    private static float DrawLegend(SKCanvas canvas, SKRect area, ChartText text, IReadOnlyList<(string Name, SKColor Colour)> legend, float top)
    {
        float s = text.Scale;
        float swatch = 10 * s;
        float gap = 4 * s;
        float spacing = 16 * s;
        float total = legend.Sum(e => swatch + gap + text.Label.MeasureText(e.Name)) + (spacing * (legend.Count - 1));
        float x = area.MidX - (total / 2);
        float lineHeight = ChartText.Height(text.Label);
        float middle = top + (lineHeight / 2);
        using var ink = new SKPaint { Color = ChartPalette.Text, IsAntialias = true };
        foreach (var (name, colour) in legend)
        {
            using var fill = new SKPaint { Color = colour, Style = SKPaintStyle.Fill, IsAntialias = false };
            canvas.DrawRect(SKRect.Create(x, middle - (swatch / 2), swatch, swatch), fill);
            x += swatch + gap;
            TextInk.Draw(canvas, name, x, ChartText.CentredBaseline(text.Label, middle), SKTextAlign.Left, text.Label, ink);
            x += text.Label.MeasureText(name) + spacing;
        }

        return top + lineHeight;
    }
}
