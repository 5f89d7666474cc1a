using HallDevices.Queueing.Halls;

namespace HallDevices.Reporting.Tests;

public static class TestHalls
{
    public static readonly DateOnly Nov3 = new(2026, 11, 3);
    public static readonly DateOnly Nov4 = new(2026, 11, 4);

    /// <summary>
    /// Two queues, two counters and a fallback window; service-level wait 4 minutes (so hand
    /// computations have tickets on both sides); s1 has a 2019 baseline of 10 min with an 8 min
    /// limit, s2 one of 5 min with no limit, s3 none.
    /// </summary>
    public const string Json = """
        {
          "id": "t1", "name": "测试镇为民服务中心", "timeZone": "Asia/Shanghai",
          "district": { "id": "d1", "name": "测试区" },
          "policy": { "serviceLevelWaitMinutes": 4, "reinstateWindowMinutes": 30 },
          "queues": [ { "id": "q1", "prefix": "A", "name": "综合" }, { "id": "q2", "prefix": "B", "name": "社保" } ],
          "services": [
            { "id": "s1", "name": "事项一", "queue": "q1", "baseline": { "label": "2019", "handlingMinutes": 10, "timeLimitMinutes": 8 } },
            { "id": "s2", "name": "事项二", "queue": "q2", "baseline": { "label": "2019", "handlingMinutes": 5 } },
            { "id": "s3", "name": "事项三", "queue": "q2" }
          ],
          "counters": [
            { "id": "c1", "name": "1号窗口", "queues": [ { "queue": "q1", "weight": 1 } ] },
            { "id": "c2", "name": "2号窗口", "queues": [ { "queue": "q2", "weight": 1 } ] },
            { "id": "f", "name": "综合窗口", "fallback": true }
          ]
        }
        """;

    public static HallDefinition Hall() => HallFile.Parse(Json);

    public static EventLog Log(DateOnly? day = null) => new("t1", day ?? Nov3);

    /// <summary>Noon the day after, when the day's ratings are in.</summary>
    public static DateTimeOffset NextNoon(DateOnly day) => new(day.AddDays(1).ToDateTime(new TimeOnly(12, 0)), TimeSpan.FromHours(8));

    public static HallReport Day(EventLog log, DateOnly? day = null, DateTimeOffset? asOf = null, HallDefinition? hall = null, ReportTargets? targets = null)
    {
        var d = day ?? Nov3;
        return HallReports.Build(hall ?? Hall(), ReportPeriod.Day(d), log.Events, asOf ?? NextNoon(d), targets ?? ReportTargets.Default);
    }

    public static GroupFigures Group(IEnumerable<GroupFigures> groups, string key) => groups.Single(g => g.Key == key);
}
