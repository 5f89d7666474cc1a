using System.Globalization;
using HallDevices.Contracts;
using HallDevices.Queueing.Engine;
using HallDevices.Queueing.Evaluation;
using HallDevices.Queueing.Halls;
using HallDevices.Queueing.Tickets;
using HallDevices.QueueServer.Devices;

namespace HallDevices.QueueServer.Dashboard;

/// <summary>
/// The alerts of the hall manager's dashboard, computed from what the server already knows: the
/// devices' statuses, the queues' waits against the hall's service level, the counters'
/// pauses, and the follow-up cases of bad ratings past their due date. Pure (no clock, no I/O), so the same inputs give the same alerts.
/// </summary>
public static class HallAlerts
{
    /// <summary>
    /// Every alert of the hall now: critical ones first, then the oldest first (the one that has
    /// been waiting for somebody longest). Times are in the hall's time zone.
    /// </summary>
    /// <param name="hall">The hall (names, time zone, service level).</param>
    /// <param name="counters">The engine's counter states.</param>
    /// <param name="queues">The engine's queue figures.</param>
    /// <param name="devices">The hall's device statuses.</param>
    /// <param name="followUps">The engine's follow-up cases (open and closed; only open ones past their due date are alerts).</param>
    /// <param name="now">The hall clock's now.</param>
    /// <param name="options">Alert thresholds.</param>
    public static IReadOnlyList<HallAlert> For(
        HallDefinition hall,
        IEnumerable<CounterState> counters,
        IEnumerable<QueueStatus> queues,
        IEnumerable<DeviceHealth> devices,
        IEnumerable<FollowUpCase> followUps,
        DateTimeOffset now,
        DashboardOptions options)
    {
        ArgumentNullException.ThrowIfNull(hall);
        ArgumentNullException.ThrowIfNull(counters);
        ArgumentNullException.ThrowIfNull(queues);
        ArgumentNullException.ThrowIfNull(devices);
        ArgumentNullException.ThrowIfNull(followUps);
        ArgumentNullException.ThrowIfNull(options);
        var alerts = new List<HallAlert>();
        alerts.AddRange(devices.Select(Device).OfType<HallAlert>());
        alerts.AddRange(queues.Select(q => Queue(hall, q, now)).OfType<HallAlert>());
        alerts.AddRange(counters.Select(c => Counter(hall, c, now, options)).OfType<HallAlert>());
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, hall.TimeZone).DateTime);
        alerts.AddRange(followUps.Where(f => f.IsOverdue(today)).Select(f => FollowUp(hall, f)));
        return alerts
            .Select(a => a with { Since = TimeZoneInfo.ConvertTime(a.Since, hall.TimeZone) })
            .OrderBy(a => a.Severity == AlertSeverities.Critical ? 0 : 1)
            .ThenBy(a => a.Since)
            .ThenBy(a => a.Kind, StringComparer.Ordinal)
            .ThenBy(a => a.SubjectId, StringComparer.Ordinal)
            .ToList();
    }

    private static HallAlert? Device(DeviceHealth d)
    {
        var (zh, en) = Names(d.Kind);
        (string Kind, string Severity, string Zh, string En)? state = !d.Online
            ? (AlertKinds.DeviceOffline, AlertSeverities.Critical, "离线", "is offline")
            : d.Health switch
            {
                null or HealthStates.Ok => null,
                HealthStates.PaperOut => (AlertKinds.PaperOut, AlertSeverities.Critical, "缺纸", "is out of paper"),
                HealthStates.PaperLow => (AlertKinds.PaperLow, AlertSeverities.Warning, "纸将用完", "is low on paper"),
                HealthStates.CoverOpen => (AlertKinds.CoverOpen, AlertSeverities.Critical, "打印机盖未关", "has its printer cover open"),
                HealthStates.Error => (AlertKinds.DeviceError, AlertSeverities.Critical, "故障", "has failed"),
                _ => (AlertKinds.DeviceUnknownHealth, AlertSeverities.Warning, $"状态异常（{d.Health}）", $"reports \"{d.Health}\""),
            };
        if (state is not { } s)
        {
            return null;
        }

        // The device's own words (which sensor, "connection lost") tell the staff where to look.
        var detail = string.IsNullOrWhiteSpace(d.Detail) ? null : d.Detail.Trim();
        return new HallAlert(
            s.Kind,
            s.Severity,
            AlertSubjects.Device,
            d.DeviceId,
            d.Since,
            $"{zh} {d.DeviceId} {s.Zh}{(detail is null ? "" : "：" + detail)}",
            $"{en} {d.DeviceId} {s.En}{(detail is null ? "" : ": " + detail)}");
    }

    private static HallAlert? Queue(HallDefinition hall, QueueStatus q, DateTimeOffset now)
    {
        var level = TimeSpan.FromMinutes(hall.Policy.ServiceLevelWaitMinutes);
        var longest = TimeSpan.FromSeconds(q.LongestWaitSeconds);
        if (q.Waiting == 0 || longest <= level)
        {
            return null;
        }

        var def = hall.FindQueue(q.QueueId);
        var name = def is null ? q.QueueId : $"{def.Name}（{def.Prefix}）";
        var nameEn = def is null ? q.QueueId : $"{def.Name} ({def.Prefix})";
        var minutes = Minutes(longest);
        var levelMinutes = hall.Policy.ServiceLevelWaitMinutes.ToString(CultureInfo.InvariantCulture);
        return new HallAlert(
            AlertKinds.QueueOverServiceLevel,
            AlertSeverities.Warning,
            AlertSubjects.Queue,
            q.QueueId,
            now - longest + level,
            $"{name} 最长等候 {minutes} 分钟，超过服务标准 {levelMinutes} 分钟（{q.Waiting} 人等候）",
            $"Queue {nameEn}: longest wait {minutes} min, over the {levelMinutes} min service level ({q.Waiting} waiting)");
    }

    private static HallAlert? Counter(HallDefinition hall, CounterState c, DateTimeOffset now, DashboardOptions options)
    {
        var paused = now - c.Since;
        if (c.Status != CounterStatus.Paused || paused <= TimeSpan.FromMinutes(options.PausedAlertMinutes))
        {
            return null;
        }

        var name = hall.FindCounter(c.CounterId)?.Name ?? c.CounterId;
        var minutes = Minutes(paused);
        return new HallAlert(
            AlertKinds.CounterPausedTooLong,
            AlertSeverities.Warning,
            AlertSubjects.Counter,
            c.CounterId,
            c.Since,
            $"{name} 已暂停 {minutes} 分钟",
            $"Counter {name} ({c.CounterId}) has been paused for {minutes} min");
    }

    // A bad rating's follow-up is the hall manager's to-do, not an emergency: warning. The text says
    // which step is missing, so the manager knows whether to call the citizen or record what changed.
    private static HallAlert FollowUp(HallDefinition hall, FollowUpCase f)
    {
        var counter = hall.FindCounter(f.CounterId)?.Name ?? f.CounterId;
        var level = (EvaluationLevel)f.Score;
        var due = f.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var (zh, en) = f.CalledBackAt is null ? ("未回访", "no call-back yet")
            : f.RectifiedAt is null ? ("未整改", "not rectified yet")
            : ("未记录整改满意度", "satisfaction not recorded yet");
        if (f.Appeal == AppealStatus.Pending)
        {
            (zh, en) = (zh + "，申诉待复核", en + ", appeal pending review");
        }

        var midnight = f.DueDate.AddDays(1).ToDateTime(TimeOnly.MinValue);
        var overdueSince = new DateTimeOffset(midnight, hall.TimeZone.GetUtcOffset(midnight));
        return new HallAlert(
            AlertKinds.FollowUpOverdue,
            AlertSeverities.Warning,
            AlertSubjects.FollowUp,
            f.TicketId,
            overdueSince,
            $"差评回访超期：{f.Number}（{counter}，{EvaluationLevels.ChineseName(level)}）应于 {due} 前办结，{zh}",
            $"Follow-up of {f.Number} ({counter}, {EvaluationLevels.EnglishName(level)}) is overdue: due {due}, {en}");
    }

    private static string Minutes(TimeSpan span) => ((long)span.TotalMinutes).ToString(CultureInfo.InvariantCulture);

    private static (string Zh, string En) Names(string kind) => kind switch
    {
        DeviceKinds.Kiosk => ("自助取号机", "Kiosk"),
        DeviceKinds.Display => ("叫号显示屏", "Display"),
        DeviceKinds.Keypad => ("呼叫器", "Caller keypad"),
        DeviceKinds.Evaluator => ("评价器", "Evaluator"),
        DeviceKinds.LedStrip => ("窗口屏", "Counter LED strip"),
        _ => ("设备", "Device"),
    };
}
