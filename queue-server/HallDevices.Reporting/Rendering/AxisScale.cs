namespace HallDevices.Reporting.Rendering;

/// <summary>
/// A value axis from 0 to a round top with round steps (1, 2 or 5 × 10ⁿ, about five ticks), so tick labels
/// read as whole numbers where the data are counts.
/// </summary>
internal readonly record struct AxisScale(double Top, double Step)
{
    public static AxisScale For(double max, bool integral)
    {
        if (!(max > 0) || double.IsInfinity(max))
        {
            return new AxisScale(1, integral ? 1 : 0.2);
        }

        double raw = max / 5;
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double residual = raw / magnitude;
        double nice = residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 5 ? 5 : 10;
        double step = nice * magnitude;
        if (integral)
        {
            step = Math.Max(1, Math.Ceiling(step));
        }

        // The small epsilon keeps a max that is exactly a multiple of the step from gaining an empty tick.
        double top = Math.Ceiling((max / step) - 1e-9) * step;
        return new AxisScale(top, step);
    }

    public IEnumerable<double> Ticks()
    {
        int count = (int)Math.Round(Top / Step);
        for (int i = 0; i <= count; i++)
        {
            yield return i * Step;
        }
    }

    /// <summary>Share of the axis length for a value, 0..1.</summary>
    public float Fraction(double value) => (float)Math.Clamp(value / Top, 0, 1);
}
