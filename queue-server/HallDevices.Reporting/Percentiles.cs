namespace HallDevices.Reporting;

/// <summary>Nearest-rank percentiles: the p-th percentile of n values is the ⌈p·n/100⌉-th smallest, an actual value, so a hand computation is exact.</summary>
internal static class Percentiles
{
    /// <summary>The <paramref name="percent"/>-th percentile of ascending <paramref name="sorted"/>, null when empty.</summary>
    public static double? NearestRank(double[] sorted, int percent)
    {
        if (sorted.Length == 0)
        {
            return null;
        }

        // Integer arithmetic: ⌈0.9 × 30⌉ in floating point is 28, not 27.
        var rank = ((long)percent * sorted.Length + 99) / 100;
        return sorted[Math.Clamp((int)rank, 1, sorted.Length) - 1];
    }
}
