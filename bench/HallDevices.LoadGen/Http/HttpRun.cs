namespace HallDevices.LoadGen.Http;

/// <summary>What one <c>http</c> run measured, for <see cref="HttpReport"/>.</summary>
internal sealed class HttpRun(HttpOptions options)
{
    public HttpOptions Options { get; } = options;

    /// <summary>Remote tickets, then bookings, against the server whose budget is above the load.</summary>
    public List<PhaseResult> Phases { get; } = [];

    /// <summary>The key sent past a small budget on its own server.</summary>
    public PhaseResult? OverBudget { get; set; }

    public double? ServerRssMiB { get; set; }

    public List<string> Failures { get; } = [];

    public string LoadBefore { get; init; } = "?";

    public string LoadAfter { get; set; } = "?";

    /// <summary>
    /// Every measured request answered ok (the limiter refused none under its budget), and the
    /// over-budget key got 429s, each with Retry-After: the limiter was in the path.
    /// </summary>
    public bool Passed => Failures.Count == 0 && Phases.Count == 2 && Phases.All(p => p.OkCount == p.Samples.Count && p.Samples.Count == Options.Requests)
        && OverBudget is { RateLimited: > 0 } o && o.RateLimited == o.RateLimitedWithRetryAfter;
}
