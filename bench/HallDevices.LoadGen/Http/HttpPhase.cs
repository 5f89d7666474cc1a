using System.Diagnostics;

namespace HallDevices.LoadGen.Http;

/// <summary>One phase's figures: every request's sample, the wall time from the first send to the last answer, and the sends' lateness.</summary>
internal sealed record PhaseResult(string Name, double OfferedRate, IReadOnlyList<HttpSample> Samples, double Seconds, LatencySummary SendLag, double ServerCpuCores)
{
    public int OkCount => Samples.Count(s => s.Ok);

    /// <summary>Answered ok per second over the phase's wall time.</summary>
    public double OkPerSecond => Seconds > 0 ? OkCount / Seconds : 0;

    public Consoles.Percentiles Latency => Consoles.Percentiles.Of(Samples.Select(s => s.Ticks));

    public Consoles.Percentiles OkLatency => Consoles.Percentiles.Of(Samples.Where(s => s.Ok).Select(s => s.Ticks));

    public IEnumerable<(string Outcome, int Count)> Outcomes =>
        Samples.GroupBy(s => s.Outcome).OrderByDescending(g => g.Count()).Select(g => (g.Key, g.Count()));

    public int RateLimited => Samples.Count(s => s.Outcome.StartsWith("429", StringComparison.Ordinal));

    public int RateLimitedWithRetryAfter => Samples.Count(s => s.Outcome.StartsWith("429", StringComparison.Ordinal) && s.RetryAfter is not null);
}

/// <summary>
/// A paced phase: <c>count</c> requests at <c>rate</c> per second on the open-loop
/// <see cref="Pacer"/> (a slow answer does not hold back the next send), each timed on its own.
/// </summary>
internal static class HttpPhase
{
    public static async Task<PhaseResult> RunAsync(string name, IntegratorClient client, double rate, int count, Func<long, (string Path, byte[] Body)> request, int? serverPid, CancellationToken ct)
    {
        var samples = new HttpSample[count];
        var serverCpu = serverPid is { } pid ? CpuAccount.ProcessSeconds(pid) : 0;
        var started = Stopwatch.GetTimestamp();
        var (sends, lag) = await Pacer.RunAsync(rate, TimeSpan.FromSeconds(count / rate), async i =>
        {
            var (path, body) = request(i);
            samples[i] = await client.PostAsync(path, body, ct);
        }, ct);
        await Task.WhenAll(sends);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var cores = serverPid is { } p ? (CpuAccount.ProcessSeconds(p) - serverCpu) / seconds : double.NaN;

        // The pacer's hard stop can leave a tail unsent; those are not samples.
        return new PhaseResult(name, rate, samples.Take(sends.Count).ToArray(), seconds, lag, cores);
    }
}
