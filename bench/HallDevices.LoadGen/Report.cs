using System.Globalization;
using System.Text;

namespace HallDevices.LoadGen;

/// <summary>Number formatting shared by the log lines and the table.</summary>
internal static class Format
{
    public static string Ms(double v) => double.IsNaN(v) ? "—" : v.ToString(v < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture);

    public static string Latency(LatencySummary? s) => s is { Count: > 0 } l ? $"p50 {Ms(l.P50)} / p99 {Ms(l.P99)} ms (max {Ms(l.Max)}, n={l.Count})" : "—";

    public static string Pair(LatencySummary? s) => s is { Count: > 0 } l ? $"{Ms(l.P50)} / {Ms(l.P99)}" : "—";

    public static string Mb(double? v) => v is { } x ? x.ToString("0", CultureInfo.InvariantCulture) + " MB" : "—";

    public static string Rate(double? v) => v is { } x ? x.ToString("0.0", CultureInfo.InvariantCulture) : "—";
}

/// <summary>The final side-by-side table and the goal verdicts of issue #3.</summary>
internal static class Report
{
    public const double P99GoalMs = 2;
    public const double ThroughputGoal = 2000;
    public const double MemoryGoalMb = 150;

    public static string Render(LoadOptions o, IReadOnlyList<BrokerResult> results)
    {
        var rows = new List<(string Label, Func<BrokerResult, string> Cell, string Goal)>
        {
            ("raw broker QoS 1 round trip p50 / p99 (ms)", r => Format.Pair(r.RawRoundTrip), "~0.1 / ~0.2"),
            ($"raw round trip, one per {1000 / o.TicketRate:0.#} ms, p50 / p99", r => Format.Pair(r.RawRoundTripPaced), ""),
            ($"paced: offered tickets/s, calls/s", _ => $"{o.TicketRate:0}, {o.CallRate:0}", ""),
            ("paced: tickets/s answered ok", r => Format.Rate(r.Paced?.TicketsPerSecond), ""),
            ("paced: calls/s (call-next with a ticket)", r => Format.Rate(r.Paced?.CallsPerSecond), ""),
            ("paced: ticket request p50 / p99 (ms)", r => Format.Pair(r.Paced?.Ticket), $"p99 ≤ {P99GoalMs}"),
            ("paced: ticket request max (ms)", r => r.Paced is { } p ? Format.Ms(p.Ticket.Max) : "—", ""),
            ("paced: ticket reply off the wire, p50 / p99 (ms)", r => Format.Pair(r.Paced?.TicketArrival), ""),
            ("paced: call-next p50 / p99 (ms)", r => Format.Pair(r.Paced?.CallNext), ""),
            ("paced: refusals / timeouts (tickets; calls)", r => r.Paced is { } p ? $"{Short(p.TicketProblems)}; {Short(p.CallProblems)}" : "—", "none"),
            ("paced: server's own ticket handling, mean (ms)", r => r.Paced?.ServerTicket is { } t ? Format.Ms(t.MeanMs) : "—", ""),
            ("paced: server ticket handling ≤ 1 ms / ≤ 2 ms", r => r.Paced?.ServerTicket is { } t ? $"{Pct(t.ShareWithin1Ms)} / {Pct(t.ShareWithin2Ms)}" : "—", ""),
            ("paced: server GC collections / ms paused in all", r => r.Paced?.ServerGc is { } g ? $"{g.Collections} / {Format.Ms(g.PausedMs)}" : "—", ""),
            ("paced: pacer send lag p99 / max (ms)", r => r.Paced is { } p ? $"{Format.Ms(p.Lag.P99)} / {Format.Ms(p.Lag.Max)}" : "—", ""),
            ($"sustained durable issues/s ({o.ThroughputKiosks}×{o.Window} in flight)", r => r.Throughput is { } t ? t.TicketsPerSecond.ToString("0", CultureInfo.InvariantCulture) : "—", $"≥ {ThroughputGoal:0}"),
            ("sustained: request p50 / p99 (ms)", r => Format.Pair(r.Throughput?.Latency), ""),
            ("sustained: changes not yet in the database at the end", r => r.Throughput?.StoreBacklog is { } b ? b.ToString("0", System.Globalization.CultureInfo.InvariantCulture) : "—", ""),
            ("sustained: refusals / timeouts", r => r.Throughput is { } t ? Short(t.Problems) : "—", "none"),
            ("server RSS after start-up", r => Format.Mb(r.ServerRssAtStart), ""),
            ($"idle clients connected", r => r.Memory is { } m ? $"{m.Connected}/{m.Wanted}" : "—", ""),
            ($"server RSS before → with {o.IdleClients} idle clients", r => r.Memory is { } m ? $"{Format.Mb(m.ServerBefore)} → {Format.Mb(m.ServerWith)}" : "—", $"≤ {MemoryGoalMb:0} MB"),
            ("  of which anonymous / file (code images) / shmem (JIT code)", r => r.Memory is { } m ? $"{Format.Mb(m.ServerAnon)} / {Format.Mb(m.ServerFile)} / {Format.Mb(m.ServerShmem)}" : "—", ""),
            ("broker RSS before → with idle clients", r => r.Kind == BrokerKind.Embedded ? "(in server)" : r.Memory is { } m ? $"{Format.Mb(m.BrokerBefore)} → {Format.Mb(m.BrokerWith)}" : "—", ""),
            ("CPU of other processes during the run (cores)", r => r.OtherCpuCores is { } c ? c.ToString("0.00", CultureInfo.InvariantCulture) : "—", "~0"),
            ("server RSS at the end / peak of the run", r => $"{Format.Mb(r.ServerRssAtEnd)} / {Format.Mb(r.ServerPeakRss)}", ""),
        };

        var headers = Enumerable.Repeat("measure", 1).Concat(results.Select(r => r.Kind == BrokerKind.Embedded ? "embedded MQTTnet" : "Mosquitto 2.0")).Append("goal").ToArray();
        var table = rows.Select(row => Enumerable.Repeat(row.Label, 1).Concat(results.Select(row.Cell)).Append(row.Goal).ToArray()).ToList();
        var widths = Enumerable.Range(0, headers.Length).Select(c => Math.Max(headers[c].Length, table.Max(r => r[c].Length))).ToArray();
        var sb = new StringBuilder();
        void Line(string[] cells) => sb.AppendLine("| " + string.Join(" | ", cells.Select((c, i) => c.PadRight(widths[i]))) + " |");
        Line(headers);
        sb.AppendLine("|" + string.Join("|", widths.Select(w => new string('-', w + 2))) + "|");
        foreach (var row in table)
        {
            Line(row);
        }

        sb.AppendLine();
        foreach (var r in results)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"{r.Kind}: {Verdicts(o, r)}");
            foreach (var failure in r.Failures)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"  FAILED {failure}");
            }
        }

        return sb.ToString();
    }

    private static string Verdicts(LoadOptions o, BrokerResult r)
    {
        static string V(bool? met) => met switch { true => "met", false => "MISSED", null => "not measured" };
        var p99 = r.Paced is { Ticket.Count: > 0 } p ? p.Ticket.P99 <= P99GoalMs : (bool?)null;
        var tput = r.Throughput is { } t ? t.TicketsPerSecond >= ThroughputGoal : (bool?)null;
        var mem = r.Memory is { ServerWith: { } m } mr && mr.Connected >= o.IdleClients ? m <= MemoryGoalMb : (bool?)null;
        return $"p99 ticket ≤ {P99GoalMs} ms at {o.TicketRate:0}/s {V(p99)}; ≥ {ThroughputGoal:0} issues/s {V(tput)}; server ≤ {MemoryGoalMb:0} MB with {o.IdleClients} clients {V(mem)}";
    }

    private static string Pct(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string Short(string problems) => problems.Length > 40 ? problems[..37] + "..." : problems;
}
