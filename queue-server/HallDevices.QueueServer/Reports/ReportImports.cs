using System.Text.Json;
using HallDevices.Queueing.Halls;
using HallDevices.Queueing.Tickets;
using HallDevices.Reporting;

namespace HallDevices.QueueServer.Reports;

/// <summary>
/// Event logs of halls run elsewhere, imported for their district's bulletin and kept as
/// <c>{Storage:Path}/imports/{districtId}/{hallId}/{period}.jsonl</c> (an exported log as
/// <see cref="EventLogExport"/> writes it, unchanged).
/// </summary>
/// <param name="root">The <c>imports</c> folder.</param>
public sealed class ReportImports(string root)
{
    private const string Extension = ".jsonl";

    /// <summary>The <c>imports</c> folder.</summary>
    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>The imports of the storage folder <paramref name="storagePath"/>.</summary>
    public static ReportImports ForStorage(string storagePath) => new(Path.Combine(storagePath, "imports"));

    /// <summary>True when some log of the district was imported.</summary>
    public bool HasDistrict(string districtId) => Files(districtId).Any();

    /// <summary>A new file to receive an upload in, beside the district's logs (so accepting it is a rename).</summary>
    public string NewUpload(string districtId)
    {
        var folder = Directory.CreateDirectory(Path.Combine(Root, Id(districtId))).FullName;
        return Path.Combine(folder, $".upload-{Guid.NewGuid():N}");
    }

    /// <summary>
    /// Reads the log at <paramref name="upload"/> to its last line and keeps it as the district's log
    /// of its hall and period (replacing an earlier import of the same); <see cref="InvalidImportException"/>
    /// when it is not a log, is of another district, or is of a hall this server runs itself.
    /// </summary>
    public ImportedLog Accept(string districtId, string upload, IReadOnlySet<string> localHalls)
    {
        ArgumentNullException.ThrowIfNull(localHalls);
        var (hall, period, events) = Check(upload);
        if (hall.District?.Id != districtId)
        {
            throw new InvalidImportException($"the log is of hall {hall.Id}, which reports to {(hall.District is { } d ? "district " + d.Id : "no district")}, not to {districtId}");
        }

        if (localHalls.Contains(hall.Id))
        {
            throw new InvalidImportException($"hall {hall.Id} is run by this server: its row of the bulletin comes from its own log");
        }

        var target = Path.Combine(Root, Id(districtId), hall.Id, period.Label + Extension);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Move(upload, target, overwrite: true);
        return new ImportedLog(hall.Id, hall.Name, period.Label, events);
    }

    /// <summary>
    /// The district's imported halls whose logs overlap <paramref name="period"/>, plus the logs of
    /// <paramref name="extraFiles"/> (the report command's <c>--import</c>), each hall once with the
    /// events of all its files. Dispose the answer to close them.
    /// </summary>
    public OpenedLogs Open(string districtId, ReportPeriod period, IEnumerable<string> extraFiles)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(extraFiles);
        var opened = new OpenedLogs();
        try
        {
            var byHall = new Dictionary<string, List<ExportedLog>>(StringComparer.Ordinal);
            var stored = Files(districtId).Where(f => Overlaps(Path.GetFileNameWithoutExtension(f), period));
            foreach (var file in stored.Concat(extraFiles))
            {
                var log = Read(opened.Own(File.OpenRead(file)), file);
                if (log.Hall.District?.Id != districtId)
                {
                    throw new InvalidImportException($"{file} is of hall {log.Hall.Id}, which does not report to district {districtId}");
                }

                (byHall.TryGetValue(log.Hall.Id, out var logs) ? logs : byHall[log.Hall.Id] = []).Add(log);
            }

            foreach (var logs in byHall.Values)
            {
                // The hall as its most recent export describes it.
                opened.Halls.Add((logs[^1].Hall, OpenedLogs.Merge([.. logs.Select(l => l.Events)])));
            }

            return opened;
        }
        catch
        {
            opened.Dispose();
            throw;
        }
    }

    private static (HallDefinition Hall, ReportPeriod Period, long Events) Check(string file)
    {
        using var stream = File.OpenRead(file);
        var log = Read(stream, "the log");
        long events = 0;
        try
        {
            foreach (var _ in log.Events)
            {
                events++;
            }
        }
        catch (Exception e) when (e is InvalidDataException or JsonException or FormatException)
        {
            throw new InvalidImportException(e.Message, e);
        }

        return (log.Hall, log.Period ?? throw new InvalidImportException("the log's header names no period: export it for a day, a month or a range"), events);
    }

    private static ExportedLog Read(Stream stream, string name)
    {
        try
        {
            return EventLogExport.Read(stream);
        }
        catch (Exception e) when (e is InvalidDataException or JsonException or FormatException or HallConfigException)
        {
            throw new InvalidImportException($"{name}: {e.Message}", e);
        }
    }

    private IEnumerable<string> Files(string districtId)
    {
        var folder = Path.Combine(Root, Id(districtId));
        return Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*" + Extension, SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            : [];
    }

    // A file's name is the label of its period: 2026-11-03, 2026-11 or 2026-11-01..2026-11-15.
    private static bool Overlaps(string label, ReportPeriod period)
    {
        var parts = label.Split("..");
        var parsed = parts.Length == 2
            ? ReportPeriod.TryParse(null, null, parts[0], parts[1], out var p, out _)
            : label.Length == 7 ? ReportPeriod.TryParse(null, label, null, null, out p, out _) : ReportPeriod.TryParse(label, null, null, null, out p, out _);
        return !parsed || (p.From <= period.To && period.From <= p.To);
    }

    private static string Id(string id) => ReportReader.IsId(id) ? id : throw new ArgumentException($"'{id}' is not an id", nameof(id));
}
