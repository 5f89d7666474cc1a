using HallDevices.Hosting;
using HallDevices.Queueing.Halls;
using HallDevices.Queueing.Tickets;
using HallDevices.QueueServer.Halls;
using HallDevices.QueueServer.Storage;
using HallDevices.Reporting;

namespace HallDevices.QueueServer.Reports;

/// <summary>
/// The report commands, run with the server stopped (they read the halls' stores, which a running
/// server holds):
/// <c>queue-server report --hall X (--day D | --month M | --from D --to D) [--format csv|pdf|json] [--out FILE]</c>,
/// <c>queue-server report --district D --month M [--import FILE...] [--format F] [--out FILE]</c> and
/// <c>queue-server export-events --hall X --month M [--out FILE]</c>, with the server's
/// configuration (<c>--Storage:Path=…</c>, <c>--Hall:ConfigFile=…</c>, appsettings.json, environment).
/// </summary>
public static class ReportCli
{
    private static readonly string[] Valued = ["--hall", "--district", "--day", "--month", "--from", "--to", "--format", "--out"];

    /// <summary><c>report</c>: writes a hall's report or a district's bulletin; returns the exit code (0 done, 2 refused).</summary>
    public static int Report(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (Parse("report", args, error) is not { } cli)
        {
            return 2;
        }

        if (!ReportFiles.TryParseFormat(cli.Get("format"), ReportFormat.Csv, out var format))
        {
            return Usage("report", error, $"--format {cli.Get("format")} is not one of csv, pdf, json");
        }

        if (cli.Get("hall") is not null == cli.Get("district") is not null)
        {
            return Usage("report", error, "give either --hall or --district");
        }

        if (cli.Get("hall") is null && cli.Get("month") is null)
        {
            return Usage("report", error, "a district's bulletin is of a month: give --month YYYY-MM");
        }

        if (!ReportReader.TryPeriod(cli.Get("day"), cli.Get("month"), cli.Get("from"), cli.Get("to"), null, out var period, out var bad))
        {
            return Usage("report", error, bad);
        }

        var setup = Setup.From(cli.Config);
        if (setup.Options.TargetsProblem() is { } problem)
        {
            error.WriteLine($"report: {problem}");
            return 2;
        }

        return cli.Get("hall") is { } hallId
            ? HallReport(setup, hallId, period, format, cli.Get("out"), output, error)
            : Bulletin(setup, cli.Get("district")!, period, cli.Imports, format, cli.Get("out"), output, error);
    }

    /// <summary><c>export-events</c>: writes a hall's log for another server's import; returns the exit code (0 done, 2 refused).</summary>
    public static int ExportEvents(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (Parse("export-events", args, error) is not { } cli)
        {
            return 2;
        }

        if (cli.Get("hall") is not { } hallId)
        {
            return Usage("export-events", error, "give --hall");
        }

        if (!ReportReader.TryPeriod(cli.Get("day"), cli.Get("month"), cli.Get("from"), cli.Get("to"), null, out var period, out var bad))
        {
            return Usage("export-events", error, bad);
        }

        var setup = Setup.From(cli.Config);
        if (setup.Find(hallId, error, "export-events") is not { } hall)
        {
            return 2;
        }

        using var store = Open(setup, hall.Hall, error, "export-events", $"GET /api/halls/{hallId}/events/export");
        if (store is null)
        {
            return 2;
        }

        var path = cli.Get("out") ?? ReportFiles.FileName(hallId, period, "jsonl");
        using (var file = File.Create(path))
        {
            EventLogExport.Write(hall.Json, period, store.EventsFrom(ReportReader.FirstMidnight(hall.Hall, period)), file, setup.Time);
        }

        output.WriteLine($"events of {hallId} from {period.From:yyyy-MM-dd} on written to {Path.GetFullPath(path)}");
        return 0;
    }

    private static int HallReport(Setup setup, string hallId, ReportPeriod period, ReportFormat format, string? outPath, TextWriter output, TextWriter error)
    {
        if (setup.Find(hallId, error, "report") is not { } hall)
        {
            return 2;
        }

        using var store = Open(setup, hall.Hall, error, "report", $"GET /api/halls/{hallId}/reports");
        if (store is null)
        {
            return 2;
        }

        var report = ReportReader.Hall(hall.Hall, store.EventsFrom, period, setup.Now, setup.Options.Targets);
        return Write(outPath ?? ReportFiles.FileName(hallId, period, ReportFiles.Extension(format)), s => ReportFiles.Write(report, format, s), $"report of {hallId} for {period.Label}", output);
    }

    private static int Bulletin(Setup setup, string districtId, ReportPeriod period, IReadOnlyList<string> imports, ReportFormat format, string? outPath, TextWriter output, TextWriter error)
    {
        if (!ReportReader.IsId(districtId))
        {
            return Usage("report", error, $"'{districtId}' is not a district id");
        }

        if (imports.FirstOrDefault(f => !File.Exists(f)) is { } missing)
        {
            return Usage("report", error, $"--import {missing}: no such file");
        }

        var stores = new List<(HallDefinition Hall, HallStore Store)>();
        try
        {
            foreach (var hall in setup.Halls.Where(h => h.Hall.District?.Id == districtId))
            {
                if (Open(setup, hall.Hall, error, "report", $"GET /api/districts/{districtId}/bulletin", missingIsEmpty: true) is not { } store)
                {
                    return 2;
                }

                stores.Add((hall.Hall, store));
            }

            using var imported = ReportImports.ForStorage(setup.StoragePath).Open(districtId, period, imports);
            if (imported.Halls.Select(h => h.Hall).FirstOrDefault(h => stores.Any(s => s.Hall.Id == h.Id)) is { } twice)
            {
                error.WriteLine($"report: hall {twice.Id} is one of this server's halls; its row comes from its own log, not from an import");
                return 2;
            }

            if (stores.Count == 0 && imported.Halls.Count == 0)
            {
                error.WriteLine($"report: no hall of Hall:ConfigFile and no imported log belongs to district {districtId}");
                return 2;
            }

            var bulletin = ReportReader.Bulletin(districtId, period, stores.Select(s => (s.Hall, (Func<DateTimeOffset, IEnumerable<HallEvent>>)s.Store.EventsFrom)), imported, setup.Now, setup.Options.Targets);
            return Write(outPath ?? ReportFiles.FileName(districtId, period, ReportFiles.Extension(format)), s => ReportFiles.Write(bulletin, format, s), $"bulletin of {districtId} for {period.Label} ({bulletin.Rows.Count} halls)", output);
        }
        catch (InvalidImportException e)
        {
            error.WriteLine($"report: {e.Message}");
            return 2;
        }
        finally
        {
            foreach (var (_, store) in stores)
            {
                store.Dispose();
            }
        }
    }

    /// <summary>The hall's store, or null (said on <paramref name="error"/>) when a running server holds it or there is none.</summary>
    private static HallStore? Open(Setup setup, HallDefinition hall, TextWriter error, string command, string endpoint, bool missingIsEmpty = false)
    {
        var path = Path.Combine(setup.StoragePath, hall.Id + ".db");
        if (!File.Exists(path) && !missingIsEmpty)
        {
            error.WriteLine($"{command}: hall {hall.Id} has no database at {Path.GetFullPath(path)} (Storage:Path is {setup.StoragePath})");
            return null;
        }

        try
        {
            // Opening applies what the journal holds beyond the database (a server that was
            // killed), as a server's start does: a report of everything that was acknowledged.
            return new HallStore(path);
        }
        catch (HallStoreInUseException)
        {
            error.WriteLine($"{command}: the hall's database is in use by a running queue-server; use {endpoint}");
            return null;
        }
    }

    private static int Write(string path, Action<Stream> write, string what, TextWriter output)
    {
        using (var file = File.Create(path))
        {
            write(file);
        }

        output.WriteLine($"{what} written to {Path.GetFullPath(path)}");
        return 0;
    }

    private static Parsed? Parse(string command, string[] args, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        var parsed = new Parsed();
        for (var i = 0; i < args.Length; i++)
        {
            if (Valued.Contains(args[i]) && i + 1 < args.Length)
            {
                parsed.Values[args[i][2..]] = args[++i];
            }
            else if (args[i] == "--import")
            {
                for (; i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal); i++)
                {
                    parsed.Imports.Add(args[i + 1]);
                }
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal) && args[i].Contains('=', StringComparison.Ordinal))
            {
                parsed.Config.Add(args[i]);
            }
            else
            {
                Usage(command, error, $"unexpected argument '{args[i]}'");
                return null;
            }
        }

        return parsed;
    }

    private static int Usage(string command, TextWriter error, string problem)
    {
        error.WriteLine($"{command}: {problem}");
        error.WriteLine("usage: queue-server report --hall HALL (--day YYYY-MM-DD | --month YYYY-MM | --from YYYY-MM-DD --to YYYY-MM-DD) [--format csv|pdf|json] [--out FILE]");
        error.WriteLine("       queue-server report --district DISTRICT --month YYYY-MM [--import FILE...] [--format csv|pdf|json] [--out FILE]");
        error.WriteLine("       queue-server export-events --hall HALL --month YYYY-MM [--out FILE]");
        error.WriteLine("       with the server stopped; its settings as --Key=Value (--Storage:Path=/var/lib/hall)");
        return 2;
    }

    private sealed class Parsed
    {
        public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

        public List<string> Imports { get; } = [];

        public List<string> Config { get; } = [];

        public string? Get(string key) => Values.GetValueOrDefault(key);
    }

    /// <summary>The server's configuration as the commands need it: halls, storage, clock, targets.</summary>
    private sealed class Setup
    {
        private Setup(IConfiguration config)
        {
            StoragePath = config[$"{StorageOptions.Section}:Path"] ?? new StorageOptions().Path;
            Options = config.GetSection(ReportsOptions.Section).Get<ReportsOptions>() ?? new ReportsOptions();
            var clock = new HallClock(Microsoft.Extensions.Options.Options.Create(config.GetSection(ClockOptions.Section).Get<ClockOptions>() ?? new ClockOptions()), TimeProvider.System);
            Time = clock.Time;
            Halls = [.. HallRegistry.HallFiles(config[$"{HallOptions.Section}:ConfigFile"] ?? new HallOptions().ConfigFile)
                .Select(f => (HallFile.Load(f), File.ReadAllText(f)))];
        }

        public string StoragePath { get; }

        public ReportsOptions Options { get; }

        /// <summary>The hall clock (<c>Clock:*</c>; real time by default).</summary>
        public TimeProvider Time { get; }

        public DateTimeOffset Now => Time.GetUtcNow();

        public List<(HallDefinition Hall, string Json)> Halls { get; }

        public static Setup From(List<string> config) => new(WebApplication.CreateBuilder([.. config]).Configuration);

        public (HallDefinition Hall, string Json)? Find(string hallId, TextWriter error, string command)
        {
            if (Halls.FirstOrDefault(h => h.Hall.Id == hallId) is { Hall: not null } found)
            {
                return found;
            }

            error.WriteLine($"{command}: no hall '{hallId}' in Hall:ConfigFile (halls: {string.Join(", ", Halls.Select(h => h.Hall.Id))})");
            return null;
        }
    }
}
