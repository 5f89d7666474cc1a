using HallDevices.Queueing.Engine;
using HallDevices.Queueing.Halls;
using HallDevices.Queueing.Identity;
using Microsoft.Extensions.Time.Testing;

namespace HallDevices.Queueing.Tests;

/// <summary>A journal that keeps every committed change in memory, in order.</summary>
public sealed class MemoryJournal : IHallJournal
{
    private readonly Lock _gate = new();

    public List<HallChange> Changes { get; } = [];

    /// <summary>When set, the next commit throws (a full disk, a lost file).</summary>
    public bool FailNext { get; set; }

    public void Commit(HallChange change)
    {
        lock (_gate)
        {
            if (FailNext)
            {
                FailNext = false;
                throw new IOException("disk full");
            }

            Changes.Add(change);
        }
    }

    public IEnumerable<Tickets.HallEvent> Events => Changes.SelectMany(c => c.Events);
}

public static class TestHall
{
    public static readonly CitizenIdProtector Protector = new(new byte[32]);

    public static HallDefinition Sample() => HallFile.Load(Path.Combine(AppContext.BaseDirectory, "halls", "sample-town.json"));

    /// <summary>09:00 on 2026-11-27 in Shanghai.</summary>
    public static FakeTimeProvider Morning() => new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.FromHours(8)));

    public static (HallEngine Engine, MemoryJournal Journal, FakeTimeProvider Time) Start(HallDefinition? hall = null, FakeTimeProvider? time = null)
    {
        var journal = new MemoryJournal();
        time ??= Morning();
        return (HallEngine.Restore(hall ?? Sample(), journal, time, HallSnapshot.Empty), journal, time);
    }

    public static HallDefinition Parse(string json) => HallFile.Parse(json);

    /// <summary>A small hall: two queues, two category counters and a fallback window.</summary>
    public const string SmallHallJson = """
        {
          "id": "small", "name": "小厅",
          "policy": { "serviceLevelWaitMinutes": 30, "reinstateWindowMinutes": 10, "defaultHandlingMinutes": 5 },
          "queues": [ { "id": "q1", "prefix": "A", "name": "一" }, { "id": "q2", "prefix": "B", "name": "二" } ],
          "services": [
            { "id": "s1", "name": "服务一", "queue": "q1" },
            { "id": "s2", "name": "服务二", "queue": "q2", "appointmentAllowed": true },
            { "id": "s3", "name": "实名服务", "queue": "q1", "needsIdCard": true, "dailyLimitPerPerson": 1, "dailyCapacity": 3 }
          ],
          "counters": [
            { "id": "c1", "name": "1号窗口", "queues": [ { "queue": "q1", "weight": 3 }, { "queue": "q2", "weight": 1 } ] },
            { "id": "c2", "name": "2号窗口", "queues": [ { "queue": "q2", "weight": 1 } ] },
            { "id": "f", "name": "综合窗口", "fallback": true }
          ]
        }
        """;

    public static HallDefinition Small() => HallFile.Parse(SmallHallJson);
}
