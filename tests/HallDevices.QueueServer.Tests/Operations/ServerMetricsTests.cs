using System.Globalization;
using System.Text.RegularExpressions;

namespace HallDevices.QueueServer.Tests.Operations;

/// <summary>
/// The garbage-collection figures of <c>/metrics</c>: a load test differences them over a window
/// to put the pauses every request had to wait out beside the request latencies.
/// </summary>
public class ServerMetricsTests
{
    [Fact]
    public void A_full_collection_counts_once_as_generation_2_and_adds_its_pause()
    {
        var metrics = new ServerMetrics();
        var before = Read(metrics.Render());

        GC.Collect(2, GCCollectionMode.Forced, blocking: true);
        var after = Read(metrics.Render());

        // Other tests may collect meanwhile, so at least one more, and the pause grows by more than nothing.
        Assert.True(after.Gen2 >= before.Gen2 + 1, $"gen 2: {before.Gen2} then {after.Gen2}");
        Assert.True(after.PauseSeconds > before.PauseSeconds, $"pause: {before.PauseSeconds} then {after.PauseSeconds}");
    }

    [Fact]
    public void Collections_by_generation_add_up_to_every_collection_the_runtime_counts()
    {
        // At least one full collection, counted by the runtime under generations 0, 1 and 2 alike
        // (an induced generation 1 collection may be taken as a full one, so none is asked for).
        GC.Collect(2, GCCollectionMode.Forced, blocking: true);
        var lowest = GC.CollectionCount(0);
        var figures = Read(new ServerMetrics().Render());
        var highest = GC.CollectionCount(0);

        // A generation 2 collection also collects 0 and 1, and the runtime counts it under all
        // three; shown once per collection, the three add up to the runtime's total.
        var total = figures.Gen0 + figures.Gen1 + figures.Gen2;
        Assert.InRange(total, lowest, highest);
        Assert.True(figures.Gen2 >= 1, $"gen 2: {figures.Gen2}");
    }

    private static (long Gen0, long Gen1, long Gen2, double PauseSeconds) Read(string text)
    {
        long Count(string generation) => long.Parse(
            Regex.Match(text, $"^dotnet_gc_collections_total\\{{generation=\"{generation}\"\\}} (\\d+)$", RegexOptions.Multiline).Groups[1].Value,
            CultureInfo.InvariantCulture);
        var pause = Regex.Match(text, @"^dotnet_gc_pause_seconds_total (\S+)$", RegexOptions.Multiline);
        Assert.True(pause.Success, "no dotnet_gc_pause_seconds_total line");
        return (Count("0"), Count("1"), Count("2"), double.Parse(pause.Groups[1].Value, CultureInfo.InvariantCulture));
    }
}
