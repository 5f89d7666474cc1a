using System.Diagnostics;

namespace HallDevices.LoadGen;

/// <summary>Figures of the paced kiosks-and-counters phase.</summary>
internal sealed record PacedResult(
    double OfferedTicketRate,
    double OfferedCallRate,
    double TicketsPerSecond,
    double CallsPerSecond,
    LatencySummary Ticket,
    LatencySummary CallNext,
    int TicketsSent,
    int CallsSent,
    int EmptyCalls,
    string TicketProblems,
    string CallProblems,
    LatencySummary Lag,
    ServerTiming? ServerTicket,
    ServerTiming? ServerCall,
    LatencySummary TicketArrival,
    ServerGc? ServerGc);

/// <summary>
/// N kiosks ask for tickets at a fixed offered rate while the counters (logged in first) press
/// call-next at theirs, both timer-paced. A warm-up at the same rates runs first and is not
/// measured; latencies count every answered request, refusals included.
/// </summary>
internal static class PacedPhase
{
    public static async Task<PacedResult> RunAsync(LoadOptions o, int port, AccountBook accounts, QueueServerProcess server, CancellationToken ct)
    {
        var counters = accounts.Counters.Take(o.Counters).ToList();
        await using var hall = await HallRequester.ConnectAsync(port, accounts, "lg-paced", o.Kiosks, counters, o.RequestTimeout, ct);
        for (var i = 0; i < hall.CounterCount; i++)
        {
            var login = await hall.CounterAsync(i, "login", ct);
            if (login.Outcome != "ok")
            {
                throw new InvalidOperationException($"counter {hall.CounterIds[i]} could not log in: {login.Outcome}");
            }
        }

        if (o.Warmup > TimeSpan.Zero)
        {
            await RunOnceAsync(o, hall, o.Warmup, null, ct);
        }

        var tickets = new Recording((int)(o.TicketRate * o.PacedDuration.TotalSeconds) + 16);
        var calls = new Recording((int)(o.CallRate * o.PacedDuration.TotalSeconds) + 16);
        var before = await ServerTiming.SnapshotAsync(server, ct);
        var lag = await RunOnceAsync(o, hall, o.PacedDuration, (tickets, calls), ct);
        var after = await ServerTiming.SnapshotAsync(server, ct);
        var seconds = o.PacedDuration.TotalSeconds;
        return new PacedResult(
            o.TicketRate,
            o.CallRate,
            tickets.Outcomes["ok"] / seconds,
            calls.WithTicket / seconds,
            tickets.Latency.Summarize(),
            calls.Latency.Summarize(),
            tickets.Outcomes.Total(),
            calls.Outcomes.Total(),
            calls.Outcomes["ok"] - calls.WithTicket,
            tickets.Outcomes.Others("ok"),
            calls.Outcomes.Others("ok"),
            lag,
            ServerTiming.Between(before, after, "ticket"),
            ServerTiming.Between(before, after, "counter"),
            tickets.Arrival.Summarize(),
            ServerGc.Between(before, after));
    }

    private static async Task<LatencySummary> RunOnceAsync(LoadOptions o, HallRequester hall, TimeSpan duration, (Recording Tickets, Recording Calls)? record, CancellationToken ct)
    {
        var ticketRun = Pacer.RunAsync(o.TicketRate, duration, async n =>
        {
            var result = await hall.TicketAsync(n, ct);
            record?.Tickets.Add(result);
        }, ct);
        var callRun = Pacer.RunAsync(o.CallRate, duration, async n =>
        {
            var result = await hall.CounterAsync(n, "call-next", ct);
            record?.Calls.Add(result);
        }, ct);
        var (ticketSends, ticketLag) = await ticketRun;
        var (callSends, _) = await callRun;
        await Task.WhenAll(ticketSends.Concat(callSends));
        return ticketLag;
    }

    /// <summary>Outcomes and latencies of one kind of request.</summary>
    internal sealed class Recording(int capacity)
    {
        private int _withTicket;

        public LatencyRecorder Latency { get; } = new(capacity);

        public LatencyRecorder Arrival { get; } = new(capacity);

        public OutcomeTally Outcomes { get; } = new();

        public int WithTicket => Volatile.Read(ref _withTicket);

        public void Add(RequestResult result)
        {
            Outcomes.Add(result.Outcome);
            if (result.Answered)
            {
                Latency.Record(result.ElapsedTicks);
                Arrival.Record(result.ArrivalTicks);
            }

            if (result.HasTicket)
            {
                Interlocked.Increment(ref _withTicket);
            }
        }
    }
}
