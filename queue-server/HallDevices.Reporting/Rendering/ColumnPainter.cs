using SkiaSharp;

namespace HallDevices.Reporting.Rendering;

/// <summary>
/// Draws vertical bars with a value axis (round ticks, grid), category labels and value labels. Bars are
/// filled without antialiasing on whole units so each is one flat colour, as the legend and a picture
/// test expect.
/// </summary>
internal static class ColumnPainter
{
    public static void Draw(SKCanvas canvas, SKRect body, ChartText text, ColumnLayout layout, string? valueUnit)
    {
        float s = text.Scale;
        if (layout.Categories.Count == 0)
        {
            HorizontalBarPainter.DrawEmpty(canvas, body, text);
            return;
        }

        var values = layout.Groups.SelectMany(g => g).Select(b => b.Value).ToList();
        var scale = AxisScale.For(values.Max(), values.All(v => Math.Abs(v - Math.Round(v)) < 1e-9));
        float top = body.Top;
        if (!string.IsNullOrEmpty(valueUnit))
        {
            using var muted = new SKPaint { Color = ChartPalette.MutedText, IsAntialias = true };
            TextInk.Draw(canvas, valueUnit, body.Left, top - text.Small.Metrics.Ascent, SKTextAlign.Left, text.Small, muted);
            top += ChartText.Height(text.Small) + (2 * s);
        }

        var tickLabels = scale.Ticks().Select(t => (Tick: t, Text: ChartText.Number(t))).ToList();
        float tickWidth = tickLabels.Max(t => text.Label.MeasureText(t.Text)) + (6 * s);
        float unitWidth = string.IsNullOrEmpty(layout.CategoryUnit) ? 4 * s : text.Small.MeasureText(layout.CategoryUnit) + (6 * s);
        float labelHeight = ChartText.Height(text.Label);
        var plot = new SKRect(
            body.Left + tickWidth,
            top + ChartText.Height(text.Value) + (3 * s),
            body.Right - unitWidth,
            body.Bottom - labelHeight - (6 * s));
        if (plot.Width < 10 || plot.Height < 10)
        {
            return;
        }

        DrawGrid(canvas, plot, text, scale, tickLabels);
        DrawBars(canvas, plot, text, scale, layout);
        DrawAxes(canvas, plot, s);
        DrawCategories(canvas, plot, text, layout);
    }

    private static void DrawGrid(SKCanvas canvas, SKRect plot, ChartText text, AxisScale scale, List<(double Tick, string Text)> ticks)
    {
        float s = text.Scale;
        using var grid = new SKPaint { Color = ChartPalette.Grid, StrokeWidth = Math.Max(1, s * 0.8f), Style = SKPaintStyle.Stroke };
        using var ink = new SKPaint { Color = ChartPalette.Text, IsAntialias = true };
        foreach (var (tick, label) in ticks)
        {
            float y = plot.Bottom - (scale.Fraction(tick) * plot.Height);
            if (tick > 0)
            {
                canvas.DrawLine(plot.Left, y, plot.Right, y, grid);
            }

            TextInk.Draw(canvas, label, plot.Left - (4 * s), ChartText.CentredBaseline(text.Label, y), SKTextAlign.Right, text.Label, ink);
        }
    }

    private static void DrawBars(SKCanvas canvas, SKRect plot, ChartText text, AxisScale scale, ColumnLayout layout)
    {
        float s = text.Scale;
        int perGroup = layout.Groups.Max(g => g.Count);
        float slot = plot.Width / layout.Categories.Count;
        float groupWidth = slot * layout.GroupWidth;
        float barWidth = groupWidth / Math.Max(1, perGroup);
        using var valueFont = ValueFont(text, layout, perGroup > 1 ? barWidth * 1.15f : slot * 0.95f);
        using var ink = new SKPaint { Color = ChartPalette.Text, IsAntialias = true };
        float bottom = MathF.Round(plot.Bottom);
        for (int i = 0; i < layout.Groups.Count; i++)
        {
            float groupLeft = plot.Left + (i * slot) + ((slot - groupWidth) / 2);
            for (int j = 0; j < layout.Groups[i].Count; j++)
            {
                var bar = layout.Groups[i][j];
                float left = MathF.Round(groupLeft + (j * barWidth));
                float right = Math.Max(left + 1, MathF.Round(groupLeft + ((j + 1) * barWidth)));
                float barTop = MathF.Round(plot.Bottom - (scale.Fraction(bar.Value) * plot.Height));
                if (bar.Value > 0 && barTop >= bottom)
                {
                    barTop = bottom - 1; // a non-zero value stays visible
                }

                if (barTop < bottom)
                {
                    using var fill = new SKPaint { Color = bar.Colour, Style = SKPaintStyle.Fill, IsAntialias = false };
                    canvas.DrawRect(new SKRect(left, barTop, right, bottom), fill);
                }

                if (valueFont is not null && bar.Label is not null)
                {
                    TextInk.Draw(canvas, bar.Label, (left + right) / 2, barTop - (2 * s) - valueFont.Metrics.Descent, SKTextAlign.Center, valueFont, ink);
                }
            }
        }
    }

    /// <summary>
    /// The value labels' font, shrunk so the widest label fits its bar; null when it would have to be too
    /// small to read (e.g. 24 hours × 2 series on a narrow page), then the value axis alone tells.
    /// </summary>
    private static SKFont? ValueFont(ChartText text, ColumnLayout layout, float room)
    {
        var labels = layout.Groups.SelectMany(g => g).Select(b => b.Label).OfType<string>().ToList();
        if (labels.Count == 0)
        {
            return null;
        }

        float widest = labels.Max(l => text.Value.MeasureText(l));
        float size = text.Value.Size * Math.Min(1, room / Math.Max(widest, 0.01f));
        return size < text.Value.Size * 0.6f ? null : ChartText.NewFont(text.Typeface, size, bold: false);
    }

    private static void DrawAxes(SKCanvas canvas, SKRect plot, float s)
    {
        using var axis = new SKPaint { Color = ChartPalette.Axis, StrokeWidth = Math.Max(1, s), Style = SKPaintStyle.Stroke };
        canvas.DrawLine(plot.Left, MathF.Round(plot.Bottom), plot.Right, MathF.Round(plot.Bottom), axis);
        canvas.DrawLine(plot.Left, plot.Top, plot.Left, MathF.Round(plot.Bottom), axis);
    }

    private static void DrawCategories(SKCanvas canvas, SKRect plot, ChartText text, ColumnLayout layout)
    {
        float s = text.Scale;
        float slot = plot.Width / layout.Categories.Count;
        float widest = layout.Categories.Max(c => text.Label.MeasureText(c));
        // Every k-th label when they would overlap; the first is always drawn.
        int every = Math.Max(1, (int)Math.Ceiling(widest / (slot * 0.92f)));
        float baseline = plot.Bottom + (4 * s) - text.Label.Metrics.Ascent;
        using var ink = new SKPaint { Color = ChartPalette.Text, IsAntialias = true };
        for (int i = 0; i < layout.Categories.Count; i += every)
        {
            TextInk.Draw(canvas, layout.Categories[i], plot.Left + ((i + 0.5f) * slot), baseline, SKTextAlign.Center, text.Label, ink);
        }

        if (!string.IsNullOrEmpty(layout.CategoryUnit))
        {
            using var muted = new SKPaint { Color = ChartPalette.MutedText, IsAntialias = true };
            TextInk.Draw(canvas, layout.CategoryUnit, plot.Right + (4 * s), baseline, SKTextAlign.Left, text.Small, muted);
        }
    }
}
