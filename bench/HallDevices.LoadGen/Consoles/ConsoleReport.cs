using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace HallDevices.LoadGen.Consoles;

/// <summary>The figures of a <c>consoles</c> run and the verdict on issue 14's goal.</summary>
internal static class ConsoleReport
{
    public static string Render(ConsoleRun run)
    {
        var o = run.Options;
        var sb = new StringBuilder();
        void Row(string label, string value) => sb.AppendLine(CultureInfo.InvariantCulture, $"  {label,-62} {value}");
        var measured = run.Actions.Where(a => !a.Warmup).ToList();
        var lag = measured.Select(a => a.SentTicks - a.DueTicks).DefaultIfEmpty(0).Max();
        var late = measured.Count(a => a.SentTicks - a.DueTicks > Stopwatch.Frequency / 100);

        sb.AppendLine(CultureInfo.InvariantCulture, $"Staff consoles' live feed, {o.Consoles} consoles (load average {run.LoadBefore} before, {run.LoadAfter} after)");
        Row("measured actions (issue / call-next / finish)", $"{measured.Count} in {run.ActionSeconds:0.0} s incl. warm-up ({string.Join(" / ", measured.GroupBy(a => a.Kind).Select(g => g.Count()))}), after {o.WarmupActions} warm-up");
        Row("action sent late by > 10 ms (previous reply slow) / worst", $"{late} / {Format.Ms(Percentiles.Ms(lag))} ms");
        if (run.Push is { } p)
        {
            Row("action → console update, every (action × console) pair", p.Pairs.ToString());
            Row($"  pairs over {PushLatency.GoalMs:0} ms / missed", $"{p.PairsOver50Ms} / {p.Missed}");
            Row("action → every console updated (slowest console per action)", p.AllUpdated.ToString());
            Row("action → first console updated", p.FirstUpdated.ToString());
            Row("action → its HTTP reply", p.Reply.ToString());
            Row("actions without an effect to wait for", p.Unmatched.Count == 0 ? "none" : $"{p.Unmatched.Count}: {string.Join("; ", p.Unmatched.Take(5))}");
            Row("consoles whose sequence went backwards", p.OutOfOrder.ToString(CultureInfo.InvariantCulture));
        }

        Row("snapshots received, all consoles / size of the first", $"{run.SnapshotsReceived} / {run.SnapshotBytes} bytes");
        Row("server memory, no console open", run.MemoryWithout?.ToString() ?? "—");
        Row($"server memory, {o.Consoles} consoles open", run.MemoryWith?.ToString() ?? "—");
        Row($"server memory, {o.Consoles} consoles, after the actions", run.MemoryAtEnd?.ToString() ?? "—");
        Row("server peak RSS (VmHWM)", Format.Mb(run.PeakRssMiB));
        Row("server CPU during the actions (cores)", run.ServerCpuCores is { } s ? s.ToString("0.00", CultureInfo.InvariantCulture) : "—");
        Row("server GC collections / ms paused, same window", run.Gc is { } g ? $"{g.Collections:0} / {Format.Ms(g.PausedMs)}" : "—");
        Row("CPU of other processes meanwhile (cores; the host is shared)", run.OtherCpuCores is { } c ? c.ToString("0.00", CultureInfo.InvariantCulture) : "—");
        foreach (var failure in run.ConsoleFailures)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"  FAILED {failure}");
        }

        var met = run.Push is { Pairs.Count: > 0, Missed: 0 } r && o.Consoles > 0 ? r.Pairs.P99 <= PushLatency.GoalMs : (bool?)null;
        sb.AppendLine(CultureInfo.InvariantCulture, $"goal: counter action → every open console updated, p99 ≤ {PushLatency.GoalMs:0} ms with {o.Consoles} consoles: {met switch { true => "met", false => "MISSED", null => "not measured" }}");
        return sb.ToString();
    }
}
