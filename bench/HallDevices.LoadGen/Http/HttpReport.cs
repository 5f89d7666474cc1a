using System.Globalization;
using System.Text;

namespace HallDevices.LoadGen.Http;

/// <summary>The <c>http</c> mode's report: per phase the throughput, latency percentiles and every outcome.</summary>
internal static class HttpReport
{
    public static string Render(HttpRun run)
    {
        var o = run.Options;
        var s = new StringBuilder();
        s.AppendLine(Line($"HTTP load (issue 17): {o.Requests} requests per phase at {o.Rate:0.##}/s offered, {o.Concurrency} connections, key budget Api:RequestsPerMinute={o.LimitPerMinute} (Api:Burst={HttpOptions.BurstFor(o.LimitPerMinute)})"));
        s.AppendLine(Line($"load average {run.LoadBefore} before, {run.LoadAfter} after; server RSS after phase 2 {Format.Mb(run.ServerRssMiB)}"));
        s.AppendLine();
        s.AppendLine("| phase | answered ok | ok/s achieved | latency of the ok answers | server CPU (cores) | sends late p99 (ms) | outcomes |");
        s.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var p in run.Phases.Append(run.OverBudget).OfType<PhaseResult>())
        {
            s.AppendLine(Line($"| {p.Name} | {p.OkCount}/{p.Samples.Count} in {p.Seconds:0.0} s | {p.OkPerSecond:0.0} | {p.OkLatency} | {p.ServerCpuCores:0.00} | {Format.Ms(p.SendLag.P99)} | {string.Join(", ", p.Outcomes.Select(x => $"{x.Outcome} ×{x.Count}"))} |"));
        }

        s.AppendLine();
        if (run.OverBudget is { } over)
        {
            var retries = over.Samples.Where(x => x.RetryAfter is not null).GroupBy(x => x.RetryAfter).Select(g => $"{g.Key} s ×{g.Count()}");
            s.AppendLine(Line($"rate limiter: {over.RateLimited} of {over.Samples.Count} requests past a budget of {o.SmallLimitPerMinute}/min (burst 10) got 429, {over.RateLimitedWithRetryAfter} of them with Retry-After ({string.Join(", ", retries)}); {over.OkCount} were let through"));
        }

        foreach (var f in run.Failures)
        {
            s.AppendLine("FAILURE: " + f);
        }

        s.AppendLine(run.Passed
            ? "verdict: every measured request answered ok under the budget, and the over-budget key was refused with 429 + Retry-After"
            : "verdict: NOT CLEAN, see the outcomes above");
        return s.ToString();
    }

    private static string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
