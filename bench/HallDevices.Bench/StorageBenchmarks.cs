using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using HallDevices.Queueing.Engine;
using HallDevices.Queueing.Halls;
using HallDevices.QueueServer.Storage;

namespace HallDevices.Bench;

/// <summary>
/// Restart recovery of a busy hall day and durable ticket issues through the real engine and the
/// real LiteDB store (each issue one committed transaction, as in production).
/// Run: <c>dotnet run -c Release --project bench/HallDevices.Bench -- --filter '*StorageBenchmarks*'</c>.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
[MemoryDiagnoser]
public class StorageBenchmarks
{
    private const int DayTickets = 50_000;
    private const int IssuesPerInvoke = 2_000;

    private readonly TimeProvider _time = TimeProvider.System;
    private HallDefinition _hall = null!;
    private string _dayFile = null!;
    private string _scratch = null!;
    private HallStore? _issueStore;
    private HallEngine? _issueEngine;

    [GlobalSetup]
    public void Setup()
    {
        _hall = HallFile.Load(Path.Combine(AppContext.BaseDirectory, "halls", "sample-town.json"));
        _scratch = Path.Combine(Path.GetTempPath(), "halldevices-bench-" + Guid.NewGuid().ToString("N"));
        _dayFile = Path.Combine(_scratch, "day.db");

        // A whole day: 50,000 tickets over the open services, most of them called and finished.
        using var store = new HallStore(_dayFile);
        var engine = HallEngine.Restore(_hall, store, _time, HallSnapshot.Empty);
        var services = _hall.Services.Where(s => !s.NeedsIdCard && s.DailyCapacity is null).Select(s => s.Id).ToArray();
        foreach (var c in _hall.Counters)
        {
            engine.Login(c.Id, "staff-" + c.Id);
        }

        for (var i = 0; i < DayTickets; i++)
        {
            engine.Issue(new IssueTicketCommand(services[i % services.Length], "kiosk"));
            if (i % 10 < 9)
            {
                engine.CallNext(_hall.Counters[i % _hall.Counters.Count].Id);
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _issueStore?.Dispose();
        Directory.Delete(_scratch, recursive: true);
    }

    /// <summary>Open the file, load the day, rebuild the engine: what a restart costs.</summary>
    [Benchmark]
    public int RestartRecovery50kTicketDay()
    {
        using var store = new HallStore(_dayFile);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(_time.GetUtcNow(), _hall.TimeZone).DateTime);
        var engine = HallEngine.Restore(_hall, store, _time, store.Load(today));
        return engine.TicketsToday().Count;
    }

    [IterationSetup(Target = nameof(DurableTicketIssue))]
    public void FreshIssueStore()
    {
        _issueStore?.Dispose();
        var file = Path.Combine(_scratch, $"issue-{Guid.NewGuid():N}.db");
        _issueStore = new HallStore(file);
        _issueEngine = HallEngine.Restore(_hall, _issueStore, _time, HallSnapshot.Empty);
    }

    /// <summary>One ticket issued: in the journal when Issue returns; each invocation ends once the database holds all of them.</summary>
    [Benchmark(OperationsPerInvoke = IssuesPerInvoke)]
    public void DurableTicketIssue()
    {
        for (var i = 0; i < IssuesPerInvoke; i++)
        {
            if (!_issueEngine!.Issue(new IssueTicketCommand("consultation", "kiosk")).IsOk)
            {
                throw new InvalidOperationException("issue refused");
            }
        }

        // Durable means in the journal when Issue returns; waiting here for the database to hold
        // them too keeps the figure honest about what the background writer can sustain.
        _issueStore!.WaitForDatabase();
    }
}
