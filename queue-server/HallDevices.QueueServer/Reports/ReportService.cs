using System.Collections.Concurrent;
using HallDevices.Hosting;
using HallDevices.Queueing.Halls;
using HallDevices.Queueing.Tickets;
using HallDevices.QueueServer.Halls;
using HallDevices.Reporting;
using Microsoft.Extensions.Options;

namespace HallDevices.QueueServer.Reports;

/// <summary>
/// The running server's reports: a hall's from its store (<see cref="Storage.HallStore.EventsFrom(DateTimeOffset)"/>),
/// a district's bulletin from the district's halls this server runs and the logs imported for it,
/// and a hall's exported log. Every report is as of the hall clock's now.
/// </summary>
public sealed class ReportService
{
    private readonly HallRegistry _halls;
    private readonly HallClock _clock;
    private readonly Lazy<Dictionary<string, string>> _hallFiles;

    // The dashboard's report panel asks for the figures and the four charts at once: five requests
    // for one report. The last report of each hall is kept while nothing changed in the hall and
    // the minute is the same, and requests arriving together share one build.
    private readonly ConcurrentDictionary<string, (ReportKey Key, Lazy<HallReport> Report)> _latest = new(StringComparer.Ordinal);

    /// <summary>Creates the service.</summary>
    public ReportService(HallRegistry halls, HallClock clock, IOptions<ReportsOptions> options, IOptions<StorageOptions> storage, IOptions<HallOptions> hallOptions)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(hallOptions);
        _halls = halls;
        _clock = clock;
        Options = options.Value;
        Imports = ReportImports.ForStorage(storage.Value.Path);

        // The hall file's text goes into an exported log, so the importing server reads the hall
        // as it is configured here.
        _hallFiles = new(() => HallRegistry.HallFiles(hallOptions.Value.ConfigFile)
            .Select(File.ReadAllText)
            .ToDictionary(json => HallFile.Parse(json).Id, StringComparer.Ordinal));
    }

    /// <summary>The <c>Reports</c> section.</summary>
    public ReportsOptions Options { get; }

    /// <summary>The logs imported for district bulletins.</summary>
    public ReportImports Imports { get; }

    /// <summary>The hall clock's now, the "as of" of every report.</summary>
    public DateTimeOffset Now => _clock.Time.GetUtcNow();

    /// <summary>Ids of the halls this server runs (an import of one of them is refused).</summary>
    public IReadOnlySet<string> LocalHalls => _halls.Halls.Select(h => h.Hall.Id).ToHashSet(StringComparer.Ordinal);

    /// <summary>Today in the hall's time zone, on the hall clock.</summary>
    public DateOnly Today(HallDefinition hall) => ReportReader.Today(hall, Now);

    /// <summary>
    /// The hall's report for <paramref name="period"/>. A request within the same minute as the
    /// last one, for the same period and with no event committed since, gets that report (its
    /// "as of" up to a minute old) instead of reading the store again.
    /// </summary>
    public HallReport Hall(HallRuntime hall, ReportPeriod period)
    {
        ArgumentNullException.ThrowIfNull(hall);
        var now = Now;
        var key = new ReportKey(period, hall.Engine.LastSequence, now.ToUnixTimeSeconds() / 60);
        var entry = _latest.AddOrUpdate(
            hall.Hall.Id,
            _ => (key, Build()),
            (_, old) => old.Key == key ? old : (key, Build()));
        try
        {
            return entry.Report.Value;
        }
        catch
        {
            // A failed build is not kept: the next request tries again.
            _latest.TryRemove(KeyValuePair.Create(hall.Hall.Id, entry));
            throw;
        }

        Lazy<HallReport> Build() => new(() => ReportReader.Hall(hall.Hall, hall.Store.EventsFrom, period, now, Options.Targets));
    }

    /// <summary>Writes the hall's log from <paramref name="period"/>'s first midnight on, for another server's import.</summary>
    public void Export(HallRuntime hall, ReportPeriod period, Stream output)
    {
        ArgumentNullException.ThrowIfNull(hall);
        var json = _hallFiles.Value.TryGetValue(hall.Hall.Id, out var text) ? text : throw new InvalidOperationException($"the hall file of {hall.Hall.Id} is gone from Hall:ConfigFile");
        EventLogExport.Write(json, period, hall.Store.EventsFrom(ReportReader.FirstMidnight(hall.Hall, period)), output, _clock.Time);
    }

    /// <summary>The district's bulletin, or null when neither a hall of this server nor an imported log belongs to it.</summary>
    public DistrictBulletin? Bulletin(string districtId, ReportPeriod period)
    {
        var local = _halls.Halls.Where(h => h.Hall.District?.Id == districtId).ToList();
        if (local.Count == 0 && !Imports.HasDistrict(districtId))
        {
            return null;
        }

        using var imported = Imports.Open(districtId, period, []);
        return ReportReader.Bulletin(
            districtId,
            period,
            local.Select(h => (h.Hall, (Func<DateTimeOffset, IEnumerable<HallEvent>>)h.Store.EventsFrom)),
            imported,
            Now,
            Options.Targets);
    }

    private readonly record struct ReportKey(ReportPeriod Period, long LastSequence, long Minute);
}
