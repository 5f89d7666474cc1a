using System.Diagnostics;

namespace HallDevices.LoadGen;

/// <summary>Figures of the sustained durable-issue phase.</summary>
/// <param name="StoreBacklog">Changes answered but not yet in the hall's database when the phase ended (the journal's backlog: whether LiteDB kept up).</param>
internal sealed record ThroughputResult(double TicketsPerSecond, int Issued, double Seconds, LatencySummary Latency, string Problems, double? ServerCounted, double? StoreBacklog = null);

/// <summary>
/// Durable ticket issues as fast as the server takes them: several kiosks, each keeping a fixed
/// window of requests in flight (closed loop on purpose here: the question is the ceiling).
/// Every ticket is in the hall's journal before its reply; the journal's backlog at the end says
/// whether the database writer kept up. Bounded by time and by count.
/// </summary>
internal static class ThroughputPhase
{
    private const int MaxPerLoop = 200_000;

    public static async Task<ThroughputResult> RunAsync(LoadOptions o, int port, AccountBook accounts, QueueServerProcess server, CancellationToken ct)
    {
        await using var hall = await HallRequester.ConnectAsync(port, accounts, "lg-burst", o.ThroughputKiosks, [], o.RequestTimeout, ct);

        // One request per kiosk first, so reply subscriptions exist before the clock starts.
        await Task.WhenAll(Enumerable.Range(0, hall.KioskCount).Select(i => hall.TicketAsync(i, ct)));

        var before = await server.MetricAsync("hall_tickets_issued_total", ct);
        var recording = new PacedPhase.Recording(1_000_000);
        var started = Stopwatch.GetTimestamp();
        var end = started + (long)(o.ThroughputDuration.TotalSeconds * Stopwatch.Frequency);
        var loops = Enumerable.Range(0, hall.KioskCount * o.Window).Select(loop => Task.Run(
            async () =>
            {
                for (var i = 0; i < MaxPerLoop && Stopwatch.GetTimestamp() < end && !ct.IsCancellationRequested; i++)
                {
                    recording.Add(await hall.TicketAsync(loop % hall.KioskCount, ct));
                }
            },
            ct));
        await Task.WhenAll(loops);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var metrics = await server.MetricsAsync(ct);
        var after = metrics.GetValueOrDefault("hall_tickets_issued_total");
        var backlog = metrics.GetValueOrDefault($"hall_store_backlog{{hall=\"{AccountBook.HallId}\"}}");
        var issued = recording.Outcomes["ok"];
        return new ThroughputResult(issued / seconds, issued, seconds, recording.Latency.Summarize(), recording.Outcomes.Others("ok"), after - before, backlog);
    }
}
