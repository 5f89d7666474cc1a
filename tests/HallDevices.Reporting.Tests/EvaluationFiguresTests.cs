using HallDevices.Queueing.Evaluation;
using static HallDevices.Reporting.Tests.TestHalls;

namespace HallDevices.Reporting.Tests;

/// <summary>好差评 figures — 评价率, 未评, 好评率, 差评 and its follow-up, appeals — computed by hand.</summary>
public class EvaluationFiguresTests
{
    private const int Precision = 9;

    [Fact]
    public void A_served_ticket_with_no_rating_is_unrated_and_rates_divide_by_served_and_rated()
    {
        var log = Log()
            .Served("09:00", "A001", 1, 5).Rate("09:07", "A001", 5)
            .Served("09:10", "A002", 1, 5).Rate("09:17", "A002", 4)
            .Served("09:20", "A003", 1, 5).Rate("09:27", "A003", 3)
            .Served("09:30", "A004", 1, 5);
        var f = Day(log).Total;

        // Served 4, rated 3 → 评价率 3/4, 未评 1, 未评率 1/4; 好评 (5, 4) 2/3; no 差评: 差评率 0, nothing to reply to.
        Assert.Equal(3, f.Rated);
        Assert.Equal(1, f.Unrated);
        Assert.Equal(0.75, f.EvaluationRate);
        Assert.Equal(0.25, f.UnratedRate);
        Assert.Equal(2 / 3.0, f.GoodRate!.Value, Precision);
        Assert.Equal(0, f.BadRate);
        Assert.Equal(0, f.Bad);
        Assert.Null(f.BadReplyRate);
        Assert.Null(f.RectificationSatisfactionRate);

        var levels = Day(log).Levels;
        Assert.Equal(new LevelCounts(VerySatisfied: 1, Satisfied: 1, BasicallySatisfied: 1, Dissatisfied: 0, VeryDissatisfied: 0, Unrated: 1, AppealsUpheld: 0), levels);
        Assert.Equal(f.Served, levels.Total);
    }

    [Fact]
    public void A_rating_the_next_morning_counts_for_the_ticket_once_as_of_is_past_it()
    {
        var log = Log()
            .Served("15:50", "A001", 2, 8)
            .OnDay(Nov4)
            .Rate("09:00", "A001", 5);

        var evening = Day(log, asOf: new DateTimeOffset(2026, 11, 3, 23, 59, 0, TimeSpan.FromHours(8)));
        var nextDay = Day(log, asOf: new DateTimeOffset(2026, 11, 4, 10, 0, 0, TimeSpan.FromHours(8)));

        Assert.Equal((0, 1), (evening.Total.Rated, evening.Total.Unrated));
        Assert.Equal((1, 0), (nextDay.Total.Rated, nextDay.Total.Unrated));
        Assert.Equal(1.0, nextDay.Total.EvaluationRate);
    }

    [Fact]
    public void Only_the_first_rating_of_a_case_counts()
    {
        var log = Log().Served("09:00", "A001", 1, 1).Rate("09:03", "A001", 5).Rate("09:04", "A001", 1);
        var f = Day(log).Total;

        Assert.Equal((1, 0, 1.0), (f.Rated, f.Bad, f.GoodRate));
    }

    /// <summary>
    /// Five served tickets of Nov 3 rated 5, 2, 1, 2, 1; their follow-ups come on later days:
    /// A002 (2): call-back Nov 5, rectification Nov 6, satisfaction 满意 Nov 9;
    /// A003 (1): call-back Nov 4, rectification Nov 5, satisfaction 不满意 Nov 6;
    /// A004 (2): call-back Nov 4 only; A005 (1): appealed Nov 4, upheld Nov 5.
    /// </summary>
    private static EventLog FollowUps()
    {
        var log = Log();
        int[] scores = [5, 2, 1, 2, 1];
        for (var i = 0; i < 5; i++)
        {
            var n = $"A{i + 1:000}";
            log.Served($"10:{i:00}", n, 1, 5).Rate($"11:{i:00}", n, scores[i]);
        }

        return log
            .OnDay(Nov4).FollowUp("10:00", "A003", FollowUpSteps.CallBack).FollowUp("10:30", "A004", FollowUpSteps.CallBack).Appeal("11:00", "A005")
            .OnDay(new DateOnly(2026, 11, 5)).FollowUp("10:00", "A002", FollowUpSteps.CallBack).FollowUp("11:00", "A003", FollowUpSteps.Rectification).Review("12:00", "A005", upheld: true)
            .OnDay(new DateOnly(2026, 11, 6)).FollowUp("10:00", "A002", FollowUpSteps.Rectification).FollowUp("11:00", "A003", FollowUpSteps.Satisfaction, RectificationSatisfaction.Dissatisfied)
            .OnDay(new DateOnly(2026, 11, 9)).FollowUp("10:00", "A002", FollowUpSteps.Satisfaction, RectificationSatisfaction.Satisfied);
    }

    [Fact]
    public void Follow_ups_after_the_period_count_up_to_as_of_and_an_upheld_appeal_is_kept_apart_from_bad_ratings()
    {
        var r = Day(FollowUps(), asOf: new DateTimeOffset(2026, 11, 10, 9, 0, 0, TimeSpan.FromHours(8)));
        var f = r.Total;

        // Rated 5. A005's appeal was upheld: 差评 = A002, A003, A004 = 3, upheld 1.
        // 好评率 1/5; 差评率 3/5; 差评回复率 3/3 (all called back); 回访整改率 2/3 (A002, A003);
        // 整改满意率 1/2 (A002 满意 of A002, A003 with a satisfaction recorded).
        Assert.Equal(5, f.Rated);
        Assert.Equal(3, f.Bad);
        Assert.Equal(1, f.AppealsUpheld);
        Assert.Equal(0.2, f.GoodRate!.Value, Precision);
        Assert.Equal(0.6, f.BadRate!.Value, Precision);
        Assert.Equal(1.0, f.BadReplyRate);
        Assert.Equal(2 / 3.0, f.RectificationRate!.Value, Precision);
        Assert.Equal(0.5, f.RectificationSatisfactionRate);
        Assert.Equal(new LevelCounts(1, 0, 0, 2, 1, 0, 1), r.Levels);
    }

    [Fact]
    public void Follow_ups_and_reviews_after_as_of_are_not_counted_yet()
    {
        var r = Day(FollowUps(), asOf: new DateTimeOffset(2026, 11, 4, 23, 59, 0, TimeSpan.FromHours(8)));
        var f = r.Total;

        // By Nov 4: A003 and A004 called back; nothing rectified; A005 appealed, not reviewed: still 差评.
        Assert.Equal(4, f.Bad);
        Assert.Equal(0, f.AppealsUpheld);
        Assert.Equal(0.5, f.BadReplyRate);
        Assert.Equal(0, f.RectificationRate);
        Assert.Null(f.RectificationSatisfactionRate);
    }

    [Fact]
    public void A_rejected_appeal_leaves_the_bad_rating_counted()
    {
        var log = Log().Served("09:00", "A001", 1, 1).Rate("09:03", "A001", 1).Appeal("10:00", "A001").Review("11:00", "A001", upheld: false);
        var f = Day(log).Total;

        Assert.Equal((1, 0), (f.Bad, f.AppealsUpheld));
    }

    [Fact]
    public void Ratings_count_for_the_rated_counter_and_staff_and_a_rating_without_staff_for_whoever_finished_there()
    {
        var log = Log()
            .Served("09:00", "A001", 1, 1, counter: "c1", staff: "s01").Rate("09:03", "A001", 5, "c1", "s01")
            .Served("09:00", "B001", 1, 1, service: "s2", queue: "q2", counter: "c2", staff: "s02").Rate("09:03", "B001", 2, "c2", staff: null)
            .Served("09:10", "B002", 1, 1, service: "s2", queue: "q2", counter: "c2", staff: "s02");
        var r = Day(log);

        // c2: served 2, rated 1 (a 差评, given to s02 who finished it: the log's rating names no staff).
        var c2 = Group(r.ByCounter, "c2").Figures;
        Assert.Equal((2, 1, 1, 1), (c2.Served, c2.Rated, c2.Unrated, c2.Bad));
        Assert.Equal(0.5, c2.EvaluationRate);
        var s02 = Group(r.ByStaff, "s02").Figures;
        Assert.Equal((2, 1, 1), (s02.Served, s02.Rated, s02.Bad));
        var s01 = Group(r.ByStaff, "s01").Figures;
        Assert.Equal((1, 1, 1.0), (s01.Served, s01.Rated, s01.GoodRate));

        // Per counter and staff, tickets are not issued or voided there.
        Assert.Equal((0, 0), (c2.Issued, c2.Voided));
    }
}
