using static HallDevices.Reporting.Tests.TestHalls;

namespace HallDevices.Reporting.Tests;

/// <summary>Sign-in time, baselines and targets, computed by hand.</summary>
public class AttendanceAndBaselineTests
{
    private const int Precision = 9;

    private static StaffAttendance Of(HallReport r, string staff) => r.Attendance.Single(a => a.StaffId == staff);

    [Fact]
    public void Signed_in_and_paused_minutes_are_clipped_to_the_period()
    {
        var log = Log()
            .Logout("09:00", "c2", "s03")                      // signed in before the log began: from 00:00
            .Login("08:30", "c1", "s01").Pause("10:00", "c1", "s01").Resume("10:15", "c1", "s01").Logout("12:00", "c1", "s01")
            .Login("22:00", "f", "s02")
            .OnDay(Nov4).Logout("02:00", "f", "s02");          // over midnight: Nov 3's share only
        var r = Day(log);

        // s01: 08:30→12:00 = 210 min, paused 10:00→10:15 = 15. s02: 22:00→24:00 = 120. s03: 00:00→09:00 = 540.
        Assert.Equal(["s01", "s02", "s03"], r.Attendance.Select(a => a.StaffId));
        Assert.Equal(210, Of(r, "s01").SignedInMinutes, Precision);
        Assert.Equal(15, Of(r, "s01").PausedMinutes, Precision);
        Assert.Equal(120, Of(r, "s02").SignedInMinutes, Precision);
        Assert.Equal(540, Of(r, "s03").SignedInMinutes, Precision);
    }

    [Fact]
    public void Sign_ins_still_open_count_up_to_as_of()
    {
        var log = Log().Login("08:30", "c1", "s01").Pause("10:00", "c1", "s01");
        var r = Day(log, asOf: log.Time("11:00"));

        // 08:30→11:00 = 150 signed in, of which 10:00→11:00 = 60 paused.
        Assert.Equal(150, Of(r, "s01").SignedInMinutes, Precision);
        Assert.Equal(60, Of(r, "s01").PausedMinutes, Precision);
    }

    [Fact]
    public void A_login_before_the_period_counts_from_its_first_midnight()
    {
        var log = Log(new DateOnly(2026, 11, 2)).Login("23:00", "c1", "s01").OnDay(Nov3).Logout("01:30", "c1", "s01");

        Assert.Equal(90, Of(Day(log), "s01").SignedInMinutes, Precision);
    }

    [Fact]
    public void Baseline_reduction_is_met_at_20_percent_and_missed_below_it()
    {
        var log = Log()
            .Served("09:00", "A001", 1, 7)
            .Served("09:10", "A002", 1, 9)
            .Served("09:20", "B001", 1, 4.5, service: "s2", queue: "q2", counter: "c2");
        var r = Day(log);

        // s1: mean (7 + 9) / 2 = 8 against 10 → reduction 1 − 8/10 = 20% → met (exactly the target);
        //     within the 8 min limit: 7 yes, 9 no → 50%.
        // s2: 4.5 against 5 → 10% → missed; no limit. s3 has no baseline: no row.
        Assert.Equal(["s1", "s2"], r.Baselines.Select(b => b.ServiceId));
        var s1 = r.Baselines[0];
        Assert.Equal(8, s1.HandlingMean!.Value, Precision);
        Assert.Equal(0.2, s1.Reduction!.Value, Precision);
        Assert.True(s1.Met);
        Assert.Equal(0.5, s1.WithinLimitShare);
        var s2 = r.Baselines[1];
        Assert.Equal(0.1, s2.Reduction!.Value, Precision);
        Assert.False(s2.Met);
        Assert.Null(s2.WithinLimitShare);

        // The hall: 1 − (2·8 + 1·4.5) / (2·10 + 1·5) = 1 − 20.5/25 = 18% → the target is missed.
        Assert.Equal(0.18, r.HandlingReduction!.Value, Precision);
        var target = r.Targets.Single(t => t.Id == ReportTargetIds.HandlingReduction);
        Assert.False(target.Met);
    }

    [Fact]
    public void A_baseline_with_nothing_served_is_not_assessed()
    {
        var r = Day(Log().Served("09:00", "C001", 1, 1, service: "s3", queue: "q2"));

        Assert.All(r.Baselines, b => Assert.Null(b.Met));
        Assert.Null(r.HandlingReduction);
        Assert.Null(r.Targets.Single(t => t.Id == ReportTargetIds.HandlingReduction).Met);
    }

    [Fact]
    public void Targets_are_met_missed_or_not_assessed_by_the_figures()
    {
        // Two served, one rated 5 within 1 min (service level 4 min): 评价率 50% missed, 好评率 100% met,
        // service level 100% met, no 差评 → not assessed, handling 2 vs 10 → 80% met.
        var log = Log().Served("09:00", "A001", 1, 2).Rate("09:05", "A001", 5).Served("09:10", "A002", 1, 2);
        var r = Day(log);

        Assert.Equal(ReportTargetIds.All, r.Targets.Select(t => t.Id));
        Assert.Equal([false, true, true, null, true], r.Targets.Select(t => t.Met));
        Assert.Equal(1, r.TargetsMissed);
    }
}
