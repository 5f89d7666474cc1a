using System.Diagnostics;

namespace HallDevices.LoadGen;

/// <summary>Latency percentiles in milliseconds (nearest rank).</summary>
internal readonly record struct LatencySummary(int Count, double P50, double P99, double Max)
{
    public static LatencySummary Empty => new(0, double.NaN, double.NaN, double.NaN);
}

/// <summary>Lock-free recorder of Stopwatch-tick latencies into a preallocated array (bounded: extra samples are counted, not kept).</summary>
internal sealed class LatencyRecorder(int capacity)
{
    private readonly long[] _ticks = new long[capacity];
    private int _count;

    public int Count => Math.Min(Volatile.Read(ref _count), _ticks.Length);

    public void Record(long elapsedTicks)
    {
        var i = Interlocked.Increment(ref _count) - 1;
        if (i < _ticks.Length)
        {
            _ticks[i] = elapsedTicks;
        }
    }

    public LatencySummary Summarize()
    {
        var n = Count;
        if (n == 0)
        {
            return LatencySummary.Empty;
        }

        var sorted = _ticks.AsSpan(0, n).ToArray();
        Array.Sort(sorted);
        return new LatencySummary(n, Ms(sorted[Rank(n, 0.50)]), Ms(sorted[Rank(n, 0.99)]), Ms(sorted[^1]));
    }

    private static int Rank(int n, double p) => Math.Clamp((int)Math.Ceiling(p * n) - 1, 0, n - 1);

    private static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}

/// <summary>Counts outcomes by name (<c>ok</c>, an error code, <c>timeout</c>, ...), thread-safe.</summary>
internal sealed class OutcomeTally
{
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

    public void Add(string outcome)
    {
        lock (_counts)
        {
            _counts[outcome] = _counts.GetValueOrDefault(outcome) + 1;
        }
    }

    public int this[string outcome]
    {
        get
        {
            lock (_counts)
            {
                return _counts.GetValueOrDefault(outcome);
            }
        }
    }

    /// <summary>Everything but the listed outcomes, as <c>code×n</c>.</summary>
    public string Others(params string[] except)
    {
        lock (_counts)
        {
            var rest = _counts.Where(c => !except.Contains(c.Key)).OrderByDescending(c => c.Value).Select(c => $"{c.Key}×{c.Value}").ToList();
            return rest.Count == 0 ? "none" : string.Join(", ", rest);
        }
    }

    public int Total(params string[] except)
    {
        lock (_counts)
        {
            return _counts.Where(c => !except.Contains(c.Key)).Sum(c => c.Value);
        }
    }
}
