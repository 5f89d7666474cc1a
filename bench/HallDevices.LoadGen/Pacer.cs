using System.Diagnostics;

namespace HallDevices.LoadGen;

/// <summary>
/// Open-loop pacing: request <c>i</c> is due at <c>start + i / rate</c>. A
/// <see cref="PeriodicTimer"/> ticks every <c>1/rate</c> (1–20 ms) and each tick sends every
/// request that has come due, without waiting for earlier answers, so a slow server cannot lower
/// the offered rate (no coordinated omission). Bounded: exactly <c>rate × duration</c> sends, and
/// the loop stops 5 s after the planned end whatever happens.
/// </summary>
internal static class Pacer
{
    /// <summary>Runs the schedule; returns the sends' tasks (each bounded by its request timeout) and how late each send left.</summary>
    public static async Task<(List<Task> Sends, LatencySummary Lag)> RunAsync(double rate, TimeSpan duration, Func<long, Task> send, CancellationToken ct)
    {
        var total = (long)Math.Round(rate * duration.TotalSeconds);
        var sends = new List<Task>((int)Math.Min(total, 1_000_000));
        if (total == 0)
        {
            return (sends, LatencySummary.Empty);
        }

        var lag = new LatencyRecorder((int)Math.Min(total, 1_000_000));

        var period = TimeSpan.FromMilliseconds(Math.Clamp(1000.0 / rate, 1, 20));
        using var timer = new PeriodicTimer(period);
        var start = Stopwatch.GetTimestamp();
        var hardStop = start + (long)((duration.TotalSeconds + 5) * Stopwatch.Frequency);
        var ticksPerSend = Stopwatch.Frequency / rate;
        long sent = 0;
        lag.Record(0);
        sends.Add(send(sent++));
        while (sent < total && Stopwatch.GetTimestamp() < hardStop && await timer.WaitForNextTickAsync(ct))
        {
            var now = Stopwatch.GetTimestamp();
            var due = Math.Min(total, (long)((now - start) / ticksPerSend) + 1);
            while (sent < due)
            {
                lag.Record(Math.Max(0, now - start - (long)(sent * ticksPerSend)));
                sends.Add(send(sent++));
            }
        }

        return (sends, lag.Summarize());
    }
}
