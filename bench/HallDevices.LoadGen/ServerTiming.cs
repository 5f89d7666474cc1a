namespace HallDevices.LoadGen;

/// <summary>
/// The server's own view of a window: its <c>hall_request_duration_seconds</c> histogram (receipt
/// of a request to its committed answer, before the reply is published) differenced over the
/// window, so the request latency seen by kiosks can be split into server work and transport.
/// </summary>
internal sealed record ServerTiming(long Count, double MeanMs, double ShareWithin1Ms, double ShareWithin2Ms)
{
    public static async Task<Dictionary<string, double?>> SnapshotAsync(QueueServerProcess server, CancellationToken ct) => await server.MetricsAsync(ct);

    public static ServerTiming? Between(Dictionary<string, double?> before, Dictionary<string, double?> after, string kind)
    {
        double D(string name) => (after.GetValueOrDefault(name) ?? 0) - (before.GetValueOrDefault(name) ?? 0);
        var count = D($"hall_request_duration_seconds_count{{kind=\"{kind}\"}}");
        if (count <= 0)
        {
            return null;
        }

        var sum = D($"hall_request_duration_seconds_sum{{kind=\"{kind}\"}}");
        var le1 = D($"hall_request_duration_seconds_bucket{{kind=\"{kind}\",le=\"0.001\"}}");
        var le2 = D($"hall_request_duration_seconds_bucket{{kind=\"{kind}\",le=\"0.002\"}}");
        return new ServerTiming((long)count, sum / count * 1000, le1 / count, le2 / count);
    }

    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"mean {Format.Ms(MeanMs)} ms, {ShareWithin1Ms * 100:0.0}% ≤ 1 ms, {ShareWithin2Ms * 100:0.0}% ≤ 2 ms (n={Count})");
}

/// <summary>
/// The server's garbage collections in a window (<c>dotnet_gc_collections_total</c> and
/// <c>dotnet_gc_pause_seconds_total</c> differenced): every collection pauses all of its threads,
/// the embedded broker's included, so each one is a moment no request moves.
/// </summary>
internal sealed record ServerGc(long Collections, double PausedMs)
{
    public static ServerGc? Between(Dictionary<string, double?> before, Dictionary<string, double?> after)
    {
        const string Pause = "dotnet_gc_pause_seconds_total";
        // Either scrape missing (the server did not answer) would turn the window into totals since start.
        if (before.GetValueOrDefault(Pause) is not { } pausedBefore || after.GetValueOrDefault(Pause) is not { } pausedAfter)
        {
            return null;
        }

        double D(string name) => (after.GetValueOrDefault(name) ?? 0) - (before.GetValueOrDefault(name) ?? 0);
        var collections = D("dotnet_gc_collections_total{generation=\"0\"}") + D("dotnet_gc_collections_total{generation=\"1\"}")
            + D("dotnet_gc_collections_total{generation=\"2\"}");
        return new ServerGc((long)collections, (pausedAfter - pausedBefore) * 1000);
    }

    public double MeanPauseMs => Collections > 0 ? PausedMs / Collections : 0;

    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Collections} collections, {Format.Ms(PausedMs)} ms paused (mean {Format.Ms(MeanPauseMs)} ms)");
}
