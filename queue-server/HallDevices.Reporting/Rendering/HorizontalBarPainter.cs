using SkiaSharp;

namespace HallDevices.Reporting.Rendering;

/// <summary>
/// Draws <see cref="HorizontalBars"/>: row labels at the left, bars from a common left axis, the value and
/// note after each bar, round ticks along the bottom.
/// </summary>
internal static class HorizontalBarPainter
{
    public static void Draw(SKCanvas canvas, SKRect body, ChartText text, HorizontalBars chart)
    {
        float s = text.Scale;
        if (chart.Bars.Count == 0)
        {
            DrawEmpty(canvas, body, text);
            return;
        }

        var scale = AxisScale.For(chart.Bars.Max(b => b.Value), chart.Bars.All(b => Math.Abs(b.Value - Math.Round(b.Value)) < 1e-9));
        float labelWidth = Math.Min(chart.Bars.Max(b => text.Label.MeasureText(b.Label)) + (6 * s), body.Width * 0.3f);
        var valueTexts = chart.Bars.Select(ValueText).ToList();
        float valueWidth = Math.Min(valueTexts.Max(v => text.Value.MeasureText(v)) + (8 * s), body.Width * 0.35f);
        float labelHeight = ChartText.Height(text.Label);
        float unitHeight = string.IsNullOrEmpty(chart.ValueUnit) ? 0 : ChartText.Height(text.Small) + (2 * s);
        var plot = new SKRect(body.Left + labelWidth, body.Top + (2 * s), body.Right - valueWidth, body.Bottom - labelHeight - unitHeight - (6 * s));
        if (plot.Width < 10 || plot.Height < 10)
        {
            return;
        }

        using var grid = new SKPaint { Color = ChartPalette.Grid, StrokeWidth = Math.Max(1, s * 0.8f), Style = SKPaintStyle.Stroke };
        using var axis = new SKPaint { Color = ChartPalette.Axis, StrokeWidth = Math.Max(1, s), Style = SKPaintStyle.Stroke };
        using var ink = new SKPaint { Color = ChartPalette.Text, IsAntialias = true };
        using var fill = new SKPaint { Color = ChartPalette.Series[0], Style = SKPaintStyle.Fill, IsAntialias = false };
        float tickBaseline = plot.Bottom + (4 * s) - text.Label.Metrics.Ascent;
        foreach (double tick in scale.Ticks())
        {
            float x = plot.Left + (scale.Fraction(tick) * plot.Width);
            if (tick > 0)
            {
                canvas.DrawLine(x, plot.Top, x, plot.Bottom, grid);
            }

            TextInk.Draw(canvas, ChartText.Number(tick), x, tickBaseline, SKTextAlign.Center, text.Label, ink);
        }

        if (!string.IsNullOrEmpty(chart.ValueUnit))
        {
            using var muted = new SKPaint { Color = ChartPalette.MutedText, IsAntialias = true };
            TextInk.Draw(canvas, chart.ValueUnit, plot.Right, tickBaseline + text.Label.Metrics.Descent + (2 * s) - text.Small.Metrics.Ascent, SKTextAlign.Right, text.Small, muted);
        }

        float row = plot.Height / chart.Bars.Count;
        float barHeight = Math.Min(row * 0.62f, 26 * s);
        float left = MathF.Round(plot.Left);
        for (int i = 0; i < chart.Bars.Count; i++)
        {
            var bar = chart.Bars[i];
            float middle = plot.Top + ((i + 0.5f) * row);
            float right = MathF.Round(plot.Left + (scale.Fraction(bar.Value) * plot.Width));
            if (bar.Value > 0 && right <= left)
            {
                right = left + 1;
            }

            if (right > left)
            {
                canvas.DrawRect(new SKRect(left, MathF.Round(middle - (barHeight / 2)), right, MathF.Round(middle + (barHeight / 2))), fill);
            }

            string label = ChartText.Fit(bar.Label, text.Label, labelWidth - (6 * s));
            TextInk.Draw(canvas, label, plot.Left - (4 * s), ChartText.CentredBaseline(text.Label, middle), SKTextAlign.Right, text.Label, ink);
            string value = ChartText.Fit(valueTexts[i], text.Value, body.Right - right - (4 * s));
            TextInk.Draw(canvas, value, right + (4 * s), ChartText.CentredBaseline(text.Value, middle), SKTextAlign.Left, text.Value, ink);
        }

        canvas.DrawLine(left, plot.Top, left, plot.Bottom, axis);
        canvas.DrawLine(plot.Left, plot.Bottom, plot.Right, plot.Bottom, axis);
    }

    /// <summary>A chart with nothing to draw says so instead of showing empty axes.</summary>
    public static void DrawEmpty(SKCanvas canvas, SKRect body, ChartText text)
    {
        using var muted = new SKPaint { Color = ChartPalette.MutedText, IsAntialias = true };
        TextInk.Draw(canvas, "无数据 (no data)", body.MidX, ChartText.CentredBaseline(text.Label, body.MidY), SKTextAlign.Center, text.Label, muted);
    }

    private static string ValueText(HorizontalBar bar) =>
        string.IsNullOrEmpty(bar.Note) ? ChartText.Number(bar.Value) : ChartText.Number(bar.Value) + "  " + bar.Note;
}
