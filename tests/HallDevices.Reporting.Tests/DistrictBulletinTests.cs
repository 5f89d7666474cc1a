using static HallDevices.Reporting.Tests.TestHalls;

namespace HallDevices.Reporting.Tests;

public class DistrictBulletinTests
{
    private const int Precision = 9;

    /// <summary>A hall's day: two tickets served with the given waits, 2 min handling each (−80% on s1's baseline), rated as given (0: not rated).</summary>
    private static HallReport HallDay(string id, double wait, int firstScore, int secondScore)
    {
        var hall = Hall() with { Id = id, Name = $"{id}镇" };
        var log = new EventLog(id, Nov3).Served("09:00", "A001", wait, 2).Served("09:30", "A002", wait, 2);
        if (firstScore > 0)
        {
            log.Rate("10:00", "A001", firstScore);
        }

        if (secondScore > 0)
        {
            log.Rate("10:01", "A002", secondScore);
        }

        return Day(log, hall: hall);
    }

    /// <summary>
    /// h1: waits 2, rated 5 5 — nothing missed, 好评率 100%, mean wait 2.
    /// h2: waits 1, rated 5 4 — nothing missed, 100%, mean wait 1 → before h1.
    /// h3: waits 1, one rated 5 — 评价率 50% missed → after both.
    /// h4: waits 1, rated 5 3 — 好评率 50% missed → after h3 (one miss each, h3's 好评率 100%).
    /// </summary>
    private static DistrictBulletin Bulletin() => DistrictBulletins.Build("d1", "测试区", ReportPeriod.Day(Nov3),
        [HallDay("h1", 2, 5, 5), HallDay("h2", 1, 5, 4), HallDay("h3", 1, 5, 0), HallDay("h4", 1, 5, 3)], ReportTargets.Default);

    [Fact]
    public void Halls_rank_by_fewest_missed_targets_then_good_rate_then_shorter_wait()
    {
        var b = Bulletin();

        Assert.Equal(["h2", "h1", "h3", "h4"], b.Rows.Select(r => r.HallId));
        Assert.Equal([1, 2, 3, 4], b.Rows.Select(r => r.Rank));
    }

    [Fact]
    public void Each_missed_target_is_flagged_on_its_hall()
    {
        var b = Bulletin();
        var row = (string id) => b.Rows.Single(r => r.HallId == id);

        Assert.Empty(row("h1").Missed);
        Assert.Equal([ReportTargetIds.EvaluationRate], row("h3").Missed);
        Assert.True(row("h3").IsMissed(ReportTargetIds.EvaluationRate));
        Assert.Equal([ReportTargetIds.GoodRate], row("h4").Missed);

        // No 差评 anywhere: the reply rate is not assessed, neither met nor missed.
        Assert.All(b.Rows, r => Assert.Null(r.Targets.Single(t => t.Id == ReportTargetIds.BadReplyRate).Met));
    }

    [Fact]
    public void The_district_total_adds_the_halls_up_and_takes_percentiles_over_all_their_tickets()
    {
        var t = Bulletin().Total;

        // 8 served, 7 rated (5 5 | 5 4 | 5 | 5 3): 评价率 7/8, 好评率 6/7.
        // Waits 2 2 1 1 1 1 1 1: mean 10/8 = 1.25, p50 = 4th = 1, p90 = ⌈7.2⌉ = 8th = 2. Handling all 2.
        Assert.Equal(0, t.Rank);
        Assert.Equal(("d1", "测试区"), (t.HallId, t.HallName));
        Assert.Equal((8, 8, 7, 1), (t.Figures.Issued, t.Figures.Served, t.Figures.Rated, t.Figures.Unrated));
        Assert.Equal(7 / 8.0, t.Figures.EvaluationRate!.Value, Precision);
        Assert.Equal(6 / 7.0, t.Figures.GoodRate!.Value, Precision);
        Assert.Equal(1.25, t.Figures.WaitMean!.Value, Precision);
        Assert.Equal(1, t.Figures.WaitP50);
        Assert.Equal(2, t.Figures.WaitP90);
        Assert.Equal(2, t.Figures.HandlingMean!.Value, Precision);
        Assert.Equal(0.8, t.HandlingReduction!.Value, Precision);
        Assert.Equal([ReportTargetIds.EvaluationRate, ReportTargetIds.GoodRate], t.Missed);
    }

    [Fact]
    public void The_bulletin_assesses_halls_against_its_own_targets()
    {
        var lenient = new ReportTargets(EvaluationRate: 0.5, GoodRate: 0.5);
        var b = DistrictBulletins.Build("d1", "测试区", ReportPeriod.Day(Nov3), [HallDay("h3", 1, 5, 0), HallDay("h4", 1, 5, 3)], lenient);

        Assert.All(b.Rows, r => Assert.Empty(r.Missed));
        Assert.Equal(lenient, b.Targets);
    }
}
