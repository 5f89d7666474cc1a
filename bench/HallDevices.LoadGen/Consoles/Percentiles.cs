using System.Diagnostics;

namespace HallDevices.LoadGen.Consoles;

/// <summary>Latency percentiles in milliseconds, nearest rank, over every sample (none dropped).</summary>
internal readonly record struct Percentiles(int Count, double P50, double P90, double P99, double Max)
{
    public static Percentiles Of(IEnumerable<long> ticks)
    {
        var sorted = ticks.ToArray();
        if (sorted.Length == 0)
        {
            return new(0, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        Array.Sort(sorted);
        return new(sorted.Length, Ms(At(sorted, 0.50)), Ms(At(sorted, 0.90)), Ms(At(sorted, 0.99)), Ms(sorted[^1]));
    }

    /// <summary>How many of <paramref name="ticks"/> are above <paramref name="ms"/>.</summary>
    public static int Over(IEnumerable<long> ticks, double ms) => ticks.Count(t => Ms(t) > ms);

    public static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    public override string ToString() => Count == 0
        ? "—"
        : $"p50 {Format.Ms(P50)} / p90 {Format.Ms(P90)} / p99 {Format.Ms(P99)} / max {Format.Ms(Max)} ms (n={Count})";

    private static long At(long[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
