using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using HallDevices.Hosting.Processes;
using HallDevices.Queueing.Halls;
using HallDevices.Reporting;

namespace HallDevices.LoadGen.Reports;

/// <summary>
/// The <c>reports</c> mode: generates a month of a district's halls (the sample hall under 20
/// names) as exported event-log files, then runs <see cref="ReportsMeasure"/> in a fresh child
/// process — so the generator's own memory is not in the peak — which builds the bulletin from
/// the files and reports wall time and peak working set.
/// </summary>
internal static class ReportsBench
{
    public const string MeasureMode = "reports-measure";

    public static async Task<int> RunAsync(ReportsOptions o, CancellationToken ct)
    {
        var sample = Path.Combine(LoadGenApp.RepoRoot(), "queue-server", "HallDevices.QueueServer", "halls", "sample-town.json");
        if (!File.Exists(sample))
        {
            await Console.Error.WriteLineAsync($"loadgen: sample hall not found at {sample}");
            return 2;
        }

        var folder = o.Folder ?? Cleanup.NewTempFolder("reports");
        Directory.CreateDirectory(folder);
        var month = ReportPeriod.Month(o.Year, o.Month);
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");
        Console.WriteLine($"generating {o.Halls} halls × {month.Label}, {o.Tickets:N0} tickets, seed {o.Seed}, into {folder}");

        var clock = Stopwatch.StartNew();
        var sampleJson = await File.ReadAllTextAsync(sample, ct);
        var template = HallFile.Parse(sampleJson);
        var workingDays = Enumerable.Range(0, month.Days).Count(d => template.Calendar.IsWorkingDay(month.From.AddDays(d)));
        var perDay = o.Tickets / (double)o.Halls / workingDays;
        long events = 0, bytes = 0;
        for (var h = 1; h <= o.Halls; h++)
        {
            ct.ThrowIfCancellationRequested();
            var node = JsonNode.Parse(sampleJson, documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!;
            // Halls differ: volumes from 0.7× to 1.3× the mean (the busier ones with more windows), and the quality of their service.
            var volume = o.Halls == 1 ? 1 : 0.7 + (0.6 * (h - 1) / (o.Halls - 1));
            var quality = new Random(o.Seed + h).NextDouble();
            node["id"] = $"town{h:00}";
            node["name"] = $"第{h:00}镇为民服务中心";
            node["counters"] = Windows(node["counters"]!.AsArray(), volume > 1.1 ? 4 : 3);
            var hallJson = node.ToJsonString();
            var hall = HallFile.Parse(hallJson);
            var log = new HallMonthGenerator(hall, (o.Seed * 1000) + h, quality).Generate(month.From, month.To, (int)Math.Round(perDay * volume));
            var path = Path.Combine(folder, $"{hall.Id}.{month.Label}.jsonl");
            await using (var file = File.Create(path))
            {
                // Exported on the 15th of the next month, so the month's follow-ups are in.
                var exportedAt = new FixedTime(month.EndIn(hall.TimeZone).AddDays(14));
                EventLogExport.Write(hallJson, month, log, file, exportedAt);
                bytes += file.Length;
            }

            events += log.Count;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"generated {events:N0} events, {bytes / 1048576.0:0} MB of JSON lines, in {clock.Elapsed.TotalSeconds:0.0} s"));

        var self = typeof(ReportsBench).Assembly.Location;
        var info = ChildProcessStartInfo.DotnetApp(self, "loadgen-measure");
        info.Arguments.Add(MeasureMode);
        info.Arguments.Add(folder);
        info.KeepLines = null;
        info.MessageLines = null;

        // As queue-server runs (TieredPGO off in its csproj), where `report` and the bulletin endpoint run.
        info.Environment["DOTNET_TieredPGO"] = "0";
        var child = ChildProcess.Start(info);
        Cleanup.Track(child);
        int exit;
        try
        {
            exit = await child.WaitForExitAsync(TimeSpan.FromMinutes(10), ct);
        }
        finally
        {
            Cleanup.Forget(child);
        }

        Console.WriteLine(child.Output);
        if (o.Folder is null)
        {
            Cleanup.DeleteFolder(folder);
        }

        return exit;
    }

    /// <summary>
    /// The sample hall's six windows <paramref name="times"/> over (w1…w18 or w24): ~700 tickets a
    /// working day at its services' handling times need about 15 windows, as a busy town centre has.
    /// </summary>
    private static JsonArray Windows(JsonArray counters, int times)
    {
        var all = new JsonArray();
        for (var k = 0; k < times; k++)
        {
            foreach (var c in counters)
            {
                var copy = c!.DeepClone();
                var n = all.Count + 1;
                copy["id"] = $"w{n}";
                copy["name"] = $"{n}号窗口";
                all.Add(copy);
            }
        }

        return all;
    }

    /// <summary>A clock that always reads one instant: the export's stamp.</summary>
    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
    }
}
