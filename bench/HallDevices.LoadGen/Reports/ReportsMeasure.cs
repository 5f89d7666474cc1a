using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using HallDevices.Queueing.Tickets;
using HallDevices.Reporting;

namespace HallDevices.LoadGen.Reports;

/// <summary>
/// The measured part of the <c>reports</c> mode, in its own process: every exported log of a folder
/// read and reported (in parallel over halls, one per core), then the district bulletin — twice,
/// the first run cold (JIT included, as a CLI run is), the second warm; then the peak working set.
/// </summary>
internal static class ReportsMeasure
{
    public static int Run(string folder)
    {
        var files = Directory.GetFiles(folder, "*.jsonl").Order(StringComparer.Ordinal).ToArray();
        if (files.Length == 0)
        {
            Console.Error.WriteLine($"loadgen: no *.jsonl in {folder}");
            return 2;
        }

        DistrictBulletin? bulletin = null;
        long events = 0;
        using var me = Process.GetCurrentProcess();
        Console.WriteLine($"load average {LoadAverage()}");
        foreach (var run in new[] { "cold", "warm" })
        {
            me.Refresh();
            var cpu = me.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            (bulletin, events) = Bulletin(files);
            clock.Stop();
            me.Refresh();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{run}: {files.Length} halls, {events:N0} events → bulletin in {clock.Elapsed.TotalMilliseconds:0} ms wall, {(me.TotalProcessorTime - cpu).TotalMilliseconds:0} ms CPU ({events / clock.Elapsed.TotalSeconds / 1e6:0.00} M events/s)"));
        }

        Console.WriteLine($"load average {LoadAverage()}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"peak working set {me.PeakWorkingSet64 / 1048576.0:0} MB (VmHWM {ProcMemory.PeakRssMiB(Environment.ProcessId):0} MiB); managed heap after {GC.GetTotalMemory(false) / 1048576.0:0} MB, {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} gen0/1/2 collections"));

        var t = bulletin!.Total.Figures;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"district {bulletin.DistrictName} {bulletin.Period.Label}: issued {t.Issued:N0}, served {t.Served:N0}, no-shows {t.NoShows:N0}, voided {t.Voided:N0}, wait mean/p90 {t.WaitMean:0.0}/{t.WaitP90:0.0} min, handling mean {t.HandlingMean:0.0} min, 评价率 {t.EvaluationRate:P1}, 好评率 {t.GoodRate:P1}, 差评 {t.Bad}, 差评回复率 {t.BadReplyRate:P1}, upheld appeals {t.AppealsUpheld}"));
        foreach (var row in bulletin.Rows.Take(3).Concat(bulletin.Rows.TakeLast(1)))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  rank {row.Rank,2} {row.HallId}: missed {row.MissedCount} [{string.Join(", ", row.Missed)}], 好评率 {row.Figures.GoodRate:P2}, wait mean {row.Figures.WaitMean:0.00} min"));
        }

        return 0;
    }

    // The host's 2 cores are shared: the load average says how much else ran.
    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "?";
        }
    }

    private static (DistrictBulletin Bulletin, long Events) Bulletin(string[] files)
    {
        var reports = new ConcurrentBag<HallReport>();
        long events = 0;
        // One hall at a time per core, the largest first, so both cores finish together.
        var largestFirst = files.OrderByDescending(f => new FileInfo(f).Length).ToList();
        Parallel.ForEach(Partitioner.Create(largestFirst, EnumerablePartitionerOptions.NoBuffering), new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, path =>
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            var log = EventLogExport.Read(file);
            var period = log.Period ?? throw new InvalidDataException($"{path}: the export names no period");
            long count = 0;
            reports.Add(HallReports.Build(log.Hall, period, Counted(log.Events, n => count = n), log.ExportedAt ?? period.EndIn(log.Hall.TimeZone), ReportTargets.Default));
            Interlocked.Add(ref events, count);
        });

        var halls = reports.OrderBy(r => r.HallId, StringComparer.Ordinal).ToList();
        var district = halls[0].District;
        return (DistrictBulletins.Build(district?.Id ?? "district", district?.Name ?? "district", halls[0].Period, halls, ReportTargets.Default), events);
    }

    private static IEnumerable<HallEvent> Counted(IEnumerable<HallEvent> events, Action<long> done)
    {
        long n = 0;
        foreach (var e in events)
        {
            n++;
            yield return e;
        }

        done(n);
    }
}
