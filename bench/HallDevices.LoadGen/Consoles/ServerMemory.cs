using System.Globalization;

namespace HallDevices.LoadGen.Consoles;

/// <summary>The server's memory at one moment: the kernel's view and the garbage collector's.</summary>
/// <param name="RssMiB">VmRSS, the highest of three samples a second apart.</param>
/// <param name="AnonMiB">RssAnon of the last sample (heap and stacks, the process's own).</param>
/// <param name="HeapMiB"><c>dotnet_gc_heap_size_bytes</c>: managed heap after the last collection.</param>
/// <param name="CommittedMiB"><c>dotnet_gc_committed_bytes</c>: what the GC holds from the OS.</param>
internal sealed record ServerMemory(double? RssMiB, double? AnonMiB, double? HeapMiB, double? CommittedMiB)
{
    public static async Task<ServerMemory> SampleAsync(QueueServerProcess server, CancellationToken ct)
    {
        double? rss = null;
        for (var i = 0; i < 3; i++)
        {
            if (i > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
            }

            rss = Max(rss, server.RssMiB());
        }

        var metrics = await server.MetricsAsync(ct);
        return new ServerMemory(rss, ProcMemory.AnonMiB(server.Pid), MiB(metrics, "dotnet_gc_heap_size_bytes"), MiB(metrics, "dotnet_gc_committed_bytes"));
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"RSS {Format.Mb(RssMiB)} (anon {Format.Mb(AnonMiB)}), managed heap {Mb1(HeapMiB)}, GC committed {Format.Mb(CommittedMiB)}");

    private static string Mb1(double? v) => v is { } x ? x.ToString("0.0", CultureInfo.InvariantCulture) + " MB" : "—";

    private static double? Max(double? a, double? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);

    private static double? MiB(Dictionary<string, double?> metrics, string name) => metrics.GetValueOrDefault(name) is { } v ? v / (1024 * 1024) : null;
}
