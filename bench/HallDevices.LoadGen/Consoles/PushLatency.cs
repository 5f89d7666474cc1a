using System.Text.Json;

namespace HallDevices.LoadGen.Consoles;

/// <summary>What the consoles saw of the measured actions.</summary>
/// <param name="Pairs">Send → first snapshot containing the action's effect, every (action × console) pair that arrived.</param>
/// <param name="AllUpdated">Per action, send → the last console to get it (the time until every open console shows it).</param>
/// <param name="FirstUpdated">Per action, send → the first console to get it.</param>
/// <param name="Reply">Per action, send → its HTTP reply read.</param>
/// <param name="Missed">Pairs whose effect never reached the console before the drain ended.</param>
/// <param name="PairsOver50Ms">Pairs slower than the goal.</param>
/// <param name="Unmatched">Actions with no effect to wait for (refused, no ticket, or no matching event in the log).</param>
/// <param name="OutOfOrder">Consoles whose snapshot sequences went backwards (should be none).</param>
internal sealed record PushResult(Percentiles Pairs, Percentiles AllUpdated, Percentiles FirstUpdated, Percentiles Reply, int Missed, int PairsOver50Ms, IReadOnlyList<string> Unmatched, int OutOfOrder);

/// <summary>
/// Matches actions to console updates. An action's change is one commit, so its events and the
/// hall's <c>LastSequence</c> move together: a snapshot with <c>sequence ≥ k</c> (k: the sequence
/// of the action's ticket event in the event log, found by type and ticket number) was built after
/// the commit and shows the action's effect. Latency of a pair: the action's send to the console's
/// first such snapshot. Nothing else changes the hall during a run (no devices are connected).
/// </summary>
internal static class PushLatency
{
    public const double GoalMs = 50;

    public static PushResult Compute(IReadOnlyList<ActionRecord> actions, JsonElement events, IReadOnlyList<LiveConsole> consoles)
    {
        var sequenceOf = new Dictionary<(string Type, string Number), long>();
        foreach (var e in events.EnumerateArray())
        {
            if (e.TryGetProperty("number", out var number) && number.GetString() is { } n)
            {
                sequenceOf.TryAdd((e.GetProperty("type").GetString()!, n), e.GetProperty("sequence").GetInt64());
            }
        }

        var pairs = new List<long>();
        var all = new List<long>();
        var first = new List<long>();
        var replies = new List<long>();
        var unmatched = new List<string>();
        var missed = 0;
        foreach (var a in actions.Where(a => !a.Warmup))
        {
            replies.Add(a.RepliedTicks - a.SentTicks);
            if (a.Error is not null || a.TicketNumber is null || !sequenceOf.TryGetValue((a.KeyEventType, a.TicketNumber), out var k))
            {
                unmatched.Add($"#{a.Index} {a.Kind} {a.CounterId}: {a.Error ?? "no " + a.KeyEventType + " event"}");
                continue;
            }

            long slowest = 0, fastest = long.MaxValue;
            var got = 0;
            foreach (var c in consoles)
            {
                if (FirstAtOrAfter(c.Arrivals, k) is { } arrival)
                {
                    var latency = arrival.Ticks - a.SentTicks;
                    pairs.Add(latency);
                    slowest = Math.Max(slowest, latency);
                    fastest = Math.Min(fastest, latency);
                    got++;
                }
                else
                {
                    missed++;
                }
            }

            if (got == consoles.Count && got > 0)
            {
                all.Add(slowest);
            }

            if (got > 0)
            {
                first.Add(fastest);
            }
        }

        var outOfOrder = consoles.Count(c => c.Arrivals.Zip(c.Arrivals.Skip(1)).Any(p => p.Second.Sequence < p.First.Sequence));
        return new PushResult(Percentiles.Of(pairs), Percentiles.Of(all), Percentiles.Of(first), Percentiles.Of(replies), missed, Percentiles.Over(pairs, GoalMs), unmatched, outOfOrder);
    }

    /// <summary>The first snapshot with a sequence of at least <paramref name="sequence"/> (sequences never go back on a stream).</summary>
    private static Arrival? FirstAtOrAfter(IReadOnlyList<Arrival> arrivals, long sequence)
    {
        int lo = 0, hi = arrivals.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (arrivals[mid].Sequence >= sequence)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return lo < arrivals.Count ? arrivals[lo] : null;
    }
}
