namespace HallDevices.LoadGen.Http;

/// <summary>Options of the <c>http</c> mode (issue 17: remote tickets and bookings over HTTP with the rate limiter on).</summary>
internal sealed record HttpOptions
{
    /// <summary>Requests per second offered in each measured phase (open loop: a slow answer does not delay the next send).</summary>
    public double Rate { get; init; } = 200;

    /// <summary>Measured requests per phase; with the default rate 30 s.</summary>
    public int Requests { get; init; } = 6000;

    /// <summary>Connections the client may open to the server (requests beyond wait for one, and that wait is in their latency).</summary>
    public int Concurrency { get; init; } = 32;

    /// <summary>The integrator key's budget, <c>Api:RequestsPerMinute</c>: above the offered load, so the limiter is in the path but refuses nothing.</summary>
    public int LimitPerMinute { get; init; } = 60_000;

    /// <summary>Requests of each kind before the measured ones (JIT, connections), not counted.</summary>
    public int Warmup { get; init; } = 200;

    /// <summary>
    /// The service booked in phase 2: one that allows appointments and has no daily capacity
    /// (a booking reserves capacity, so pension-enrol's 200 a day would turn the run into refusals).
    /// </summary>
    public string BookingService { get; init; } = "social-card";

    /// <summary>The over-budget phase: the key's budget per minute on its own small server.</summary>
    public int SmallLimitPerMinute { get; init; } = 60;

    /// <summary>The over-budget phase: requests sent, at <see cref="OverBudgetRate"/>.</summary>
    public int OverBudgetRequests { get; init; } = 100;

    public double OverBudgetRate { get; init; } = 50;

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public string? ServerDll { get; init; }

    /// <summary><c>Api:Burst</c> for a budget: one second's refill, at least the default 100, so a paced load never empties the bucket.</summary>
    public static int BurstFor(int perMinute) => Math.Max(100, perMinute / 60);

    public static string Usage => """
        HallDevices.LoadGen http — remote tickets and bookings over HTTP against a real queue-server
        with the integrators' rate limiter on (issue 17).

          --rate N               requests per second offered in each phase (default 200)
          --requests N           measured requests per phase (default 6000: 30 s at 200/s)
          --concurrency N        connections to the server (default 32)
          --limit-per-minute N   the key's Api:RequestsPerMinute (default 60000; Api:Burst = max(100, N/60))
          --warmup N             requests of each kind before the measured ones, not counted (default 200)
          --booking-service ID   service booked in phase 2 (default social-card: no daily capacity)
          --small-limit N        over-budget phase: Api:RequestsPerMinute of its server (default 60, burst 10)
          --over-requests N      over-budget phase: requests sent at 50/s (default 100)
          --server-dll PATH      queue-server dll (default: the Release build in this repo)
        """;

    /// <summary>Parses the arguments after <c>http</c>; null and an error (null for --help) when the run should not start.</summary>
    public static HttpOptions? Parse(IReadOnlyList<string> args, out string? error) =>
        OptionArgs.Parse(args, new HttpOptions(), static (o, name, value) => name switch
        {
            "--rate" => o with { Rate = OptionArgs.Number(value, 1, 20_000) },
            "--requests" => o with { Requests = (int)OptionArgs.Number(value, 1, 1_000_000) },
            "--concurrency" => o with { Concurrency = (int)OptionArgs.Number(value, 1, 1000) },
            "--limit-per-minute" => o with { LimitPerMinute = (int)OptionArgs.Number(value, 60, 1_000_000) },
            "--warmup" => o with { Warmup = (int)OptionArgs.Number(value, 0, 100_000) },
            "--booking-service" => o with { BookingService = value },
            "--small-limit" => o with { SmallLimitPerMinute = (int)OptionArgs.Number(value, 60, 6000) },
            "--over-requests" => o with { OverBudgetRequests = (int)OptionArgs.Number(value, 1, 10_000) },
            "--server-dll" => o with { ServerDll = value },
            _ => throw OptionArgs.Unknown(name),
        }, out error);
}
