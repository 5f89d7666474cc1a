using HallDevices.Queueing.Engine;
using HallDevices.Queueing.Evaluation;
using HallDevices.Queueing.Tickets;

namespace HallDevices.Queueing.Tests.Engine;

/// <summary>差评整改 in the engine: steps in order, one appeal and its review, cases that outlive the day.</summary>
public class FollowUpTests
{
    [Fact]
    public void Steps_are_recorded_in_order_and_the_satisfaction_closes_the_case()
    {
        var (engine, journal, time) = RatedHall.Start();
        var id = RatedHall.RatedBadly(engine);

        Assert.Equal(ErrorCodes.FollowUpStepOutOfOrder, engine.RecordFollowUp(id, FollowUpSteps.Rectification, "x", null).Error?.Code);
        Assert.Equal(ErrorCodes.FollowUpStepOutOfOrder, engine.RecordFollowUp(id, FollowUpSteps.Satisfaction, null, RectificationSatisfaction.Satisfied).Error?.Code);
        time.Advance(TimeSpan.FromHours(2));
        var calledBack = engine.RecordFollowUp(id, FollowUpSteps.CallBack, "  waited 50 minutes at A  ", null, by: "mgr01");
        Assert.Equal(ErrorCodes.FollowUpStepOutOfOrder, engine.RecordFollowUp(id, FollowUpSteps.CallBack, "again", null).Error?.Code);
        var rectified = engine.RecordFollowUp(id, FollowUpSteps.Rectification, "a third window opens at 9", null);
        var closed = engine.RecordFollowUp(id, FollowUpSteps.Satisfaction, null, RectificationSatisfaction.BasicallySatisfied);

        Assert.Equal(("waited 50 minutes at A", time.GetUtcNow()), (calledBack.Value!.CallBackNote, calledBack.Value.CalledBackAt!.Value.ToUniversalTime()));
        Assert.Equal("a third window opens at 9", rectified.Value!.RectificationNote);
        Assert.True(closed.Value!.IsClosed);
        Assert.Equal(RectificationSatisfaction.BasicallySatisfied, closed.Value.Satisfaction);
        Assert.NotNull(closed.Value.ClosedAt);
        Assert.Equal(ErrorCodes.FollowUpClosed, engine.RecordFollowUp(id, FollowUpSteps.CallBack, "x", null).Error?.Code);
        Assert.Equal(
            [FollowUpSteps.CallBack, FollowUpSteps.Rectification, FollowUpSteps.Satisfaction],
            journal.Events.OfType<FollowUpRecorded>().Select(e => e.Step));
        Assert.Equal("mgr01", journal.Events.OfType<FollowUpRecorded>().First().By);
        Assert.Equal(closed.Value, engine.FindFollowUp(id));
    }

    [Fact]
    public void A_step_is_refused_for_an_unknown_case_an_unknown_step_or_a_misplaced_satisfaction()
    {
        var (engine, journal, _) = RatedHall.Start();
        var id = RatedHall.RatedBadly(engine);
        var before = journal.Changes.Count;

        Assert.Equal(ErrorCodes.UnknownFollowUp, engine.RecordFollowUp("20261127-Z001", FollowUpSteps.CallBack, null, null).Error?.Code);
        Assert.Equal(ErrorCodes.InvalidRequest, engine.RecordFollowUp(id, "apology", null, null).Error?.Code);
        Assert.Equal(ErrorCodes.InvalidRequest, engine.RecordFollowUp(id, FollowUpSteps.CallBack, null, RectificationSatisfaction.Satisfied).Error?.Code);
        Assert.Equal(ErrorCodes.UnknownFollowUp, engine.Appeal("20261127-Z001", AppealReasons.Malicious, null).Error?.Code);
        Assert.Equal(ErrorCodes.InvalidRequest, engine.Appeal(id, "unfair", null).Error?.Code);
        Assert.Equal(ErrorCodes.UnknownFollowUp, engine.ReviewAppeal("20261127-Z001", true, null).Error?.Code);

        Assert.Equal(before, journal.Changes.Count);
    }

    [Fact]
    public void A_rating_is_appealed_once_and_an_upheld_review_closes_the_case_while_the_rating_stays()
    {
        var (engine, journal, _) = RatedHall.Start();
        var id = RatedHall.RatedBadly(engine);

        Assert.Equal(ErrorCodes.NoAppeal, engine.ReviewAppeal(id, true, null).Error?.Code);
        var appealed = engine.Appeal(id, AppealReasons.Malicious, "the citizen said so on the phone", by: "s01");
        Assert.Equal(ErrorCodes.AlreadyAppealed, engine.Appeal(id, AppealReasons.Mistaken, null).Error?.Code);
        var upheld = engine.ReviewAppeal(id, true, "recording checked", by: "district");

        Assert.Equal(AppealStatus.Pending, appealed.Value!.Appeal);
        Assert.Equal((AppealStatus.Upheld, "recording checked"), (upheld.Value!.Appeal, upheld.Value.ReviewNote));
        Assert.True(upheld.Value.IsClosed);
        Assert.Equal(upheld.Value.ReviewedAt, upheld.Value.ClosedAt);
        Assert.Equal(ErrorCodes.NoAppeal, engine.ReviewAppeal(id, false, null).Error?.Code);
        Assert.Equal(ErrorCodes.AlreadyAppealed, engine.Appeal(id, AppealReasons.Malicious, null).Error?.Code);
        Assert.Equal(ErrorCodes.FollowUpClosed, engine.RecordFollowUp(id, FollowUpSteps.CallBack, null, null).Error?.Code);
        Assert.Equal(1, Assert.Single(journal.Events.OfType<TicketEvaluated>()).Score);
        Assert.Equal(AppealReasons.Malicious, Assert.Single(journal.Events.OfType<EvaluationAppealed>()).Reason);
        Assert.True(Assert.Single(journal.Events.OfType<AppealReviewed>()).Upheld);
    }

    [Fact]
    public void A_rejected_appeal_leaves_the_case_open_for_its_steps()
    {
        var (engine, _, _) = RatedHall.Start();
        var id = RatedHall.RatedBadly(engine, score: 2);
        engine.Appeal(id, AppealReasons.Mistaken, null);

        var rejected = engine.ReviewAppeal(id, false, "the rating stands");

        Assert.Equal(AppealStatus.Rejected, rejected.Value!.Appeal);
        Assert.False(rejected.Value.IsClosed);
        Assert.Null(rejected.Value.ClosedAt);
        Assert.True(engine.RecordFollowUp(id, FollowUpSteps.CallBack, null, null).IsOk);
    }

    [Fact]
    public void A_closed_case_can_still_be_appealed_and_keeps_the_time_it_closed()
    {
        var (engine, _, time) = RatedHall.Start();
        var id = RatedHall.RatedBadly(engine);
        engine.RecordFollowUp(id, FollowUpSteps.CallBack, null, null);
        engine.RecordFollowUp(id, FollowUpSteps.Rectification, null, null);
        var closedAt = engine.RecordFollowUp(id, FollowUpSteps.Satisfaction, null, RectificationSatisfaction.Dissatisfied).Value!.ClosedAt;

        time.Advance(TimeSpan.FromHours(1));
        engine.Appeal(id, AppealReasons.Malicious, null);
        var upheld = engine.ReviewAppeal(id, true, null).Value!;

        Assert.Equal(closedAt, upheld.ClosedAt);
        Assert.Equal(AppealStatus.Upheld, upheld.Appeal);
    }

    [Fact]
    public void Open_cases_outlive_the_day_and_closed_ones_leave_memory_after_sixty_days()
    {
        var (engine, _, time) = RatedHall.Start();
        var open = RatedHall.RatedBadly(engine);
        var closed = RatedHall.RatedBadly(engine);
        engine.RecordFollowUp(closed, FollowUpSteps.CallBack, null, null);
        engine.RecordFollowUp(closed, FollowUpSteps.Rectification, null, null);
        engine.RecordFollowUp(closed, FollowUpSteps.Satisfaction, null, RectificationSatisfaction.Satisfied);

        time.Advance(TimeSpan.FromDays(1));
        engine.Issue(new IssueTicketCommand("s1", "kiosk"));
        Assert.Equal([open, closed], engine.FollowUps().Select(f => f.TicketId));
        Assert.True(engine.RecordFollowUp(open, FollowUpSteps.CallBack, "next day", null).IsOk);

        time.Advance(TimeSpan.FromDays(HallEngine.ClosedFollowUpDays));
        engine.Issue(new IssueTicketCommand("s1", "kiosk"));
        Assert.Equal([open], engine.FollowUps().Select(f => f.TicketId));
        Assert.True(engine.FindFollowUp(open)!.IsOverdue(DateOnly.FromDateTime(time.GetLocalNow().DateTime)));
    }

    [Fact]
    public void A_restored_engine_takes_its_cases_from_the_snapshot()
    {
        var (engine, journal, time) = RatedHall.Start();
        var id = RatedHall.RatedBadly(engine);
        engine.RecordFollowUp(id, FollowUpSteps.CallBack, "called", null);
        var cases = journal.Changes.SelectMany(c => c.FollowUps).GroupBy(f => f.TicketId).Select(g => g.Last()).ToList();

        time.Advance(TimeSpan.FromDays(3));
        var restored = HallEngine.Restore(RatedHall.Definition(), journal, time, new HallSnapshot([], [], engine.LastSequence) { FollowUps = cases });

        Assert.Equal("called", restored.FindFollowUp(id)!.CallBackNote);
        Assert.Equal(ErrorCodes.FollowUpStepOutOfOrder, restored.RecordFollowUp(id, FollowUpSteps.CallBack, null, null).Error?.Code);
        Assert.True(restored.RecordFollowUp(id, FollowUpSteps.Rectification, null, null).IsOk);
    }
}
