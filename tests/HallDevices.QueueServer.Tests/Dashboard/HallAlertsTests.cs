using HallDevices.Contracts;
using HallDevices.Hosting;
using HallDevices.Queueing.Engine;
using HallDevices.Queueing.Evaluation;
using HallDevices.Queueing.Halls;
using HallDevices.Queueing.Tickets;
using HallDevices.QueueServer.Dashboard;
using HallDevices.QueueServer.Devices;
using HallDevices.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HallDevices.QueueServer.Tests.Dashboard;

/// <summary>
/// <see cref="HallAlerts"/> over the sample hall (service level 40 minutes) with device statuses
/// recorded by a real <see cref="DeviceHealthBook"/> on a fake hall clock.
/// </summary>
public sealed class HallAlertsTests
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    private static readonly DateTimeOffset Morning = new(2026, 11, 27, 9, 0, 0, Beijing);
    private static readonly HallDefinition Hall = HallFile.Load(Repo.SampleHallFile);

    private readonly FakeTimeProvider _time = new(Morning);
    private readonly DeviceHealthBook _book;
    private readonly DashboardOptions _options = new();

    public HallAlertsTests() =>
        _book = new DeviceHealthBook(new HallClock(Options.Create(new ClockOptions()), _time), NullLogger<DeviceHealthBook>.Instance);

    private DateTimeOffset Now => _time.GetUtcNow();

    [Fact]
    public void A_kiosk_out_of_paper_is_a_critical_alert_in_chinese_and_english_since_its_health_changed()
    {
        _book.Record(Hall.Id, "kiosk-01", new DeviceStatus(true, HealthStates.PaperOut, null));
        _time.Advance(TimeSpan.FromMinutes(3));

        var alert = Assert.Single(Alerts());

        Assert.Equal(
            new HallAlert(AlertKinds.PaperOut, AlertSeverities.Critical, AlertSubjects.Device, "kiosk-01", Morning, "自助取号机 kiosk-01 缺纸", "Kiosk kiosk-01 is out of paper"),
            alert);
    }

    [Theory]
    [InlineData(HealthStates.PaperOut, AlertKinds.PaperOut, AlertSeverities.Critical, "缺纸", "is out of paper")]
    [InlineData(HealthStates.PaperLow, AlertKinds.PaperLow, AlertSeverities.Warning, "纸将用完", "is low on paper")]
    [InlineData(HealthStates.CoverOpen, AlertKinds.CoverOpen, AlertSeverities.Critical, "打印机盖未关", "has its printer cover open")]
    [InlineData(HealthStates.Error, AlertKinds.DeviceError, AlertSeverities.Critical, "故障", "has failed")]
    [InlineData("jammed", AlertKinds.DeviceUnknownHealth, AlertSeverities.Warning, "状态异常（jammed）", "reports \"jammed\"")]
    public void An_online_device_with_a_health_other_than_ok_is_an_alert_of_that_kind_and_severity(string health, string kind, string severity, string zh, string en)
    {
        _book.Record(Hall.Id, "kiosk-02", new DeviceStatus(true, health, null));

        var alert = Assert.Single(Alerts());

        Assert.Equal((kind, severity, "kiosk-02"), (alert.Kind, alert.Severity, alert.SubjectId));
        Assert.Equal($"自助取号机 kiosk-02 {zh}", alert.TextZh);
        Assert.Equal($"Kiosk kiosk-02 {en}", alert.TextEn);
    }

    [Fact]
    public void The_device_detail_follows_the_alert_text()
    {
        _book.Record(Hall.Id, "kiosk-01", new DeviceStatus(true, HealthStates.PaperLow, "paper near end"));

        var alert = Assert.Single(Alerts());

        Assert.Equal("自助取号机 kiosk-01 纸将用完：paper near end", alert.TextZh);
        Assert.Equal("Kiosk kiosk-01 is low on paper: paper near end", alert.TextEn);
    }

    [Fact]
    public void An_offline_device_is_one_critical_alert_since_it_went_offline_whatever_health_its_last_will_names()
    {
        _book.Record(Hall.Id, "kiosk-01", new DeviceStatus(true, HealthStates.Ok, null));
        _book.Record(Hall.Id, "display-01", new DeviceStatus(true, HealthStates.Ok, "call board; voice on"));
        _time.Advance(TimeSpan.FromMinutes(5));
        _book.Record(Hall.Id, "kiosk-01", new DeviceStatus(false, HealthStates.Error, "connection lost")); // the kiosk's last will
        _book.Record(Hall.Id, "display-01", new DeviceStatus(false, null, null)); // a bare {"online":false}
        _time.Advance(TimeSpan.FromMinutes(2));

        var alerts = Alerts();

        Assert.Equal(2, alerts.Count);
        Assert.All(alerts, a => Assert.Equal((AlertKinds.DeviceOffline, AlertSeverities.Critical, Morning.AddMinutes(5)), (a.Kind, a.Severity, a.Since)));
        Assert.Equal(["叫号显示屏 display-01 离线", "自助取号机 kiosk-01 离线：connection lost"], alerts.Select(a => a.TextZh));
        Assert.Equal(["Display display-01 is offline", "Kiosk kiosk-01 is offline: connection lost"], alerts.Select(a => a.TextEn));
    }

    [Fact]
    public void A_healthy_device_or_one_naming_no_health_raises_nothing()
    {
        _book.Record(Hall.Id, "kiosk-01", new DeviceStatus(true, HealthStates.Ok, "id-reader missing"));
        _book.Record(Hall.Id, "keypad-w3", new DeviceStatus(true, null, null));

        Assert.Empty(Alerts());
    }

    [Theory]
    [InlineData("display-01", "叫号显示屏", "Display")]
    [InlineData("keypad-w3", "呼叫器", "Caller keypad")]
    [InlineData("evaluator-w3", "评价器", "Evaluator")]
    [InlineData("led-w3", "窗口屏", "Counter LED strip")]
    [InlineData("lobby-screen", "设备", "Device")]
    public void A_device_is_named_by_its_kind(string deviceId, string zh, string en)
    {
        _book.Record(Hall.Id, deviceId, new DeviceStatus(true, HealthStates.Error, null));

        var alert = Assert.Single(Alerts());

        Assert.Equal($"{zh} {deviceId} 故障", alert.TextZh);
        Assert.Equal($"{en} {deviceId} has failed", alert.TextEn);
    }

    [Fact]
    public void A_queue_whose_oldest_ticket_waited_past_the_service_level_is_a_warning_since_it_passed_it()
    {
        QueueStatus[] queues =
        [
            new("social", 3, TimeSpan.FromMinutes(45).TotalSeconds, 20, 300),
            new("civil", 2, TimeSpan.FromMinutes(40).TotalSeconds, 10, 300), // at the level, not past it
            new("rural", 0, 0, 0, 300),
        ];

        var alert = Assert.Single(Alerts(queues: queues));

        Assert.Equal(
            new HallAlert(
                AlertKinds.QueueOverServiceLevel,
                AlertSeverities.Warning,
                AlertSubjects.Queue,
                "social",
                Morning.AddMinutes(-5),
                "社保医保（A） 最长等候 45 分钟，超过服务标准 40 分钟（3 人等候）",
                "Queue 社保医保 (A): longest wait 45 min, over the 40 min service level (3 waiting)"),
            alert);
    }

    [Fact]
    public void A_counter_paused_longer_than_the_option_is_a_warning_since_it_paused()
    {
        CounterState[] counters =
        [
            new("w3", CounterStatus.Paused, "zhang", null, null, Morning.AddMinutes(-11)),
            new("w4", CounterStatus.Paused, "li", null, null, Morning.AddMinutes(-10)), // exactly the limit
            new("w5", CounterStatus.Idle, "wang", null, null, Morning.AddHours(-1)),
            new("w1", CounterStatus.Closed, null, null, null, Morning.AddHours(-2)),
        ];

        var alert = Assert.Single(Alerts(counters));

        Assert.Equal(
            new HallAlert(AlertKinds.CounterPausedTooLong, AlertSeverities.Warning, AlertSubjects.Counter, "w3", Morning.AddMinutes(-11), "3号窗口 已暂停 11 分钟", "Counter 3号窗口 (w3) has been paused for 11 min"),
            alert);
    }

    [Fact]
    public void The_pause_limit_comes_from_the_options()
    {
        _options.PausedAlertMinutes = 3;
        CounterState[] counters = [new("w4", CounterStatus.Paused, "li", null, null, Morning.AddMinutes(-4))];

        Assert.Equal("w4", Assert.Single(Alerts(counters)).SubjectId);
    }

    [Fact]
    public void Alerts_are_ordered_critical_first_then_oldest_first()
    {
        _book.Record(Hall.Id, "kiosk-01", new DeviceStatus(true, HealthStates.PaperLow, null)); // warning, 9:00
        _time.Advance(TimeSpan.FromMinutes(10));
        _book.Record(Hall.Id, "kiosk-02", new DeviceStatus(false, HealthStates.Error, "connection lost")); // critical, 9:10
        _time.Advance(TimeSpan.FromMinutes(10));
        _book.Record(Hall.Id, "keypad-w3", new DeviceStatus(true, HealthStates.Error, null)); // critical, 9:20
        _time.Advance(TimeSpan.FromMinutes(10)); // now 9:30
        QueueStatus[] queues = [new("household", 4, TimeSpan.FromMinutes(75).TotalSeconds, 30, 300)]; // warning, past the level at 8:55
        CounterState[] counters = [new("w2", CounterStatus.Paused, "zhao", null, null, Morning.AddMinutes(5))]; // warning, 9:05

        var alerts = Alerts(counters, queues);

        Assert.Equal(
            [
                (AlertSeverities.Critical, "kiosk-02", Morning.AddMinutes(10)),
                (AlertSeverities.Critical, "keypad-w3", Morning.AddMinutes(20)),
                (AlertSeverities.Warning, "household", Morning.AddMinutes(-5)),
                (AlertSeverities.Warning, "kiosk-01", Morning),
                (AlertSeverities.Warning, "w2", Morning.AddMinutes(5)),
            ],
            alerts.Select(a => (a.Severity, a.SubjectId, a.Since)));
    }

    [Fact]
    public void Alert_times_are_written_in_the_hall_time_zone()
    {
        var utc = new FakeTimeProvider(Morning.ToUniversalTime());
        var book = new DeviceHealthBook(new HallClock(Options.Create(new ClockOptions()), utc), NullLogger<DeviceHealthBook>.Instance);
        book.Record(Hall.Id, "kiosk-01", new DeviceStatus(true, HealthStates.PaperOut, null));
        CounterState[] counters = [new("w3", CounterStatus.Paused, "zhang", null, null, Morning.AddMinutes(-20).ToUniversalTime())];

        var alerts = HallAlerts.For(Hall, counters, [], book.For(Hall.Id), [], utc.GetUtcNow(), _options);

        Assert.Equal(2, alerts.Count);
        Assert.All(alerts, a => Assert.Equal(Beijing, a.Since.Offset));
    }

    [Fact]
    public void A_follow_up_still_open_after_its_due_date_is_a_warning_since_the_midnight_after_it_naming_the_missing_step()
    {
        // Rated 不满意 on Friday 27 November, due Friday 4 December (five working days); today is Saturday 5 December.
        var saturday = new DateTimeOffset(2026, 12, 5, 10, 0, 0, Beijing);
        var due = new DateOnly(2026, 12, 4);
        var open = FollowUp("20261127-A001", "A001", due);
        var calledBack = FollowUp("20261127-A002", "A002", due) with { CalledBackAt = Morning.AddHours(2), Appeal = AppealStatus.Pending };
        var dueToday = FollowUp("20261128-A003", "A003", new DateOnly(2026, 12, 5));
        var closed = FollowUp("20261127-A004", "A004", due) with
        {
            CalledBackAt = Morning.AddHours(1), RectifiedAt = Morning.AddHours(2), Satisfaction = RectificationSatisfaction.Satisfied, ClosedAt = Morning.AddHours(3),
        };
        var upheld = FollowUp("20261127-A005", "A005", due) with { Appeal = AppealStatus.Upheld, ClosedAt = Morning.AddHours(3) };

        var alerts = HallAlerts.For(Hall, [], [], [], [open, calledBack, dueToday, closed, upheld], saturday, _options);

        var midnight = new DateTimeOffset(2026, 12, 5, 0, 0, 0, Beijing);
        Assert.Equal(
            [
                new HallAlert(AlertKinds.FollowUpOverdue, AlertSeverities.Warning, AlertSubjects.FollowUp, "20261127-A001", midnight,
                    "差评回访超期：A001（2号窗口，不满意）应于 2026-12-04 前办结，未回访",
                    "Follow-up of A001 (2号窗口, Dissatisfied) is overdue: due 2026-12-04, no call-back yet"),
                new HallAlert(AlertKinds.FollowUpOverdue, AlertSeverities.Warning, AlertSubjects.FollowUp, "20261127-A002", midnight,
                    "差评回访超期：A002（2号窗口，不满意）应于 2026-12-04 前办结，未整改，申诉待复核",
                    "Follow-up of A002 (2号窗口, Dissatisfied) is overdue: due 2026-12-04, not rectified yet, appeal pending review"),
            ],
            alerts);
    }

    [Fact]
    public void A_follow_up_is_overdue_by_the_hall_date_not_the_utc_one()
    {
        // 07:30 on 5 December in Beijing is still 4 December in UTC: the case due on the 4th is overdue in the hall.
        var early = new DateTimeOffset(2026, 12, 5, 7, 30, 0, Beijing).ToUniversalTime();

        var alert = Assert.Single(HallAlerts.For(Hall, [], [], [], [FollowUp("20261127-A001", "A001", new DateOnly(2026, 12, 4))], early, _options));

        Assert.Equal((AlertKinds.FollowUpOverdue, new DateTimeOffset(2026, 12, 5, 0, 0, 0, Beijing)), (alert.Kind, alert.Since));
        Assert.Equal(Beijing, alert.Since.Offset);
    }

    private static FollowUpCase FollowUp(string ticketId, string number, DateOnly due) => new()
    {
        TicketId = ticketId, Number = number, QueueId = "social", ServiceId = "medical-insurance", CounterId = "w2", StaffId = "staff-w2",
        Score = 2, OpenedAt = Morning, DueDate = due,
    };

    private IReadOnlyList<HallAlert> Alerts(IEnumerable<CounterState>? counters = null, IEnumerable<QueueStatus>? queues = null) =>
        HallAlerts.For(Hall, counters ?? [], queues ?? [], _book.For(Hall.Id), [], Now, _options);
}
