using System.Globalization;

namespace HallDevices.Display.Bench;

/// <summary>
/// <c>--per-call N [--interval-ms MS] [--warmup W] [--fps F]</c>: N call events one after another
/// through <see cref="CallToFrameRig"/>, each timed on its own from the board message's bytes to the
/// framebuffer holding its frame, and the distribution printed (BenchmarkDotNet reports means of
/// iterations, which hide the slow single calls a p99 goal is about). The gap between calls is
/// random around MS: a fixed gap, restarted when each frame is out, locks onto the render loop's
/// animation timer (restarted at the same frame), so every call would meet an animation frame just
/// starting, which real calls do not. The machine's load average is printed before and after,
/// since a shared machine's other work shows in the tail.
/// </summary>
internal static class PerCallLatency
{
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        if (!TryParse(args, out var calls, out var intervalMs, out var warmup, out var fps, out var error))
        {
            await output.WriteLineAsync($"{error}\nusage: --per-call N [--interval-ms MS (default 100; gaps random in MS/2..3MS/2)] [--warmup W (default 200)] [--fps F (default 10, the app's)]");
            return 2;
        }

        var loadBefore = LoadAverage();
        using var rig = CallToFrameRig.Start(fps);
        // A new call number for every event, as in a hall: each one is a new call to highlight.
        var messages = Enumerable.Range(1, warmup + calls).Select(CallToFrameRig.Message).ToList();
        // Seeded, so two runs send the same calls at the same gaps.
        var gaps = new Random(20261127);
        var latencies = new List<double>(calls);
        for (var i = 0; i < messages.Count; i++)
        {
            var latency = await rig.CallAsync(messages[i]);
            if (i >= warmup)
            {
                latencies.Add(latency.TotalMilliseconds);
            }

            if (intervalMs > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(intervalMs * (0.5 + gaps.NextDouble())), TimeProvider.System);
            }
        }

        latencies.Sort();
        var inv = CultureInfo.InvariantCulture;
        await output.WriteLineAsync(string.Create(inv, $"call event -> framebuffer at 1920x1080: {calls} calls after {warmup} warm-up calls, gaps {intervalMs / 2}-{intervalMs * 3 / 2} ms at random, render loop at {fps} fps, PNG worker running"));
        await output.WriteLineAsync(string.Create(
            inv,
            $"p50 {Percentile(latencies, 0.50):0.00} ms  p90 {Percentile(latencies, 0.90):0.00} ms  p99 {Percentile(latencies, 0.99):0.00} ms  p99.9 {Percentile(latencies, 0.999):0.00} ms  max {latencies[^1]:0.00} ms  mean {latencies.Average():0.00} ms"));
        await output.WriteLineAsync(string.Create(inv, $"calls over 20 ms: {latencies.Count(l => l > 20)} of {calls}"));
        await output.WriteLineAsync($"load average (1/5/15 min) before: {loadBefore}; after: {LoadAverage()}; {Environment.ProcessorCount} CPUs");
        return 0;
    }

    /// <summary>Nearest-rank percentile of sorted values: the smallest value at or above that share of calls.</summary>
    private static double Percentile(List<double> sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static string LoadAverage()
    {
        try
        {
            var fields = File.ReadAllText("/proc/loadavg").Split(' ');
            return string.Join(' ', fields.Take(3));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "unknown";
        }
    }

    private static bool TryParse(string[] args, out int calls, out int intervalMs, out int warmup, out int fps, out string error)
    {
        calls = 0;
        intervalMs = 100;
        warmup = 200;
        fps = 10;
        error = string.Empty;
        if (args.Length == 0 || !int.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out calls) || calls <= 0)
        {
            error = "--per-call takes the number of calls to measure";
            return false;
        }

        for (var i = 1; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                error = $"{args[i]} takes a number";
                return false;
            }

            switch (args[i])
            {
                case "--interval-ms":
                    intervalMs = value;
                    break;
                case "--warmup":
                    warmup = value;
                    break;
                case "--fps" when value <= 60:
                    fps = value;
                    break;
                default:
                    error = $"unknown option {args[i]} (or --fps above 60)";
                    return false;
            }
        }

        return true;
    }
}
