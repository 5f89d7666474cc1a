using HallDevices.Queueing.Engine;
using HallDevices.Queueing.Evaluation;
using HallDevices.Queueing.Tickets;
using Microsoft.Extensions.Time.Testing;

namespace HallDevices.Queueing.Tests.Engine;

/// <summary>好差评 in the engine: one rating per case from any channel, its window, its reasons, and a bad rating's follow-up.</summary>
public class EvaluationTests
{
    [Fact]
    public void A_case_is_rated_once_whichever_channel_comes_first()
    {
        var (engine, journal, _) = RatedHall.Start();
        var t = RatedHall.Served(engine, token: "tok-1");

        var online = engine.Evaluate(EvaluateCommand.Online("tok-1", 4));

        Assert.True(online.IsOk, online.Error?.Message);
        Assert.Equal(ErrorCodes.AlreadyEvaluated, engine.Evaluate(EvaluateCommand.AtCounter(t.Number, "c1", 5)).Error?.Code);
        Assert.Equal(ErrorCodes.AlreadyEvaluated, engine.Evaluate(EvaluateCommand.AtCounter(t.Number, "c1", 1, EvaluationChannels.Console)).Error?.Code);
        Assert.Equal(ErrorCodes.AlreadyEvaluated, engine.Evaluate(EvaluateCommand.Online("tok-1", 2)).Error?.Code);
        var rating = Assert.Single(journal.Events.OfType<TicketEvaluated>());
        Assert.Equal((4, EvaluationChannels.Online, "c1", "s01"), (rating.Score, rating.Channel, rating.CounterId, rating.StaffId));
        Assert.Equal(4, engine.FindTicket(t.Number)!.Score);
    }

    [Fact]
    public void The_evaluator_and_the_console_rate_at_the_counter_that_served_and_name_it()
    {
        var (engine, journal, _) = RatedHall.Start();
        var first = RatedHall.Served(engine);
        var second = RatedHall.Served(engine);

        Assert.Equal(ErrorCodes.NotServedHere, engine.Evaluate(EvaluateCommand.AtCounter(first.Number, "c2", 5)).Error?.Code);
        Assert.Equal(ErrorCodes.InvalidRequest, engine.Evaluate(new EvaluateCommand(5, EvaluationChannels.Console) { TicketNumber = first.Number }).Error?.Code);
        Assert.True(engine.Evaluate(EvaluateCommand.AtCounter(first.Number, "c1", 5)).IsOk);
        Assert.True(engine.Evaluate(EvaluateCommand.AtCounter(second.Number, "c1", 3, EvaluationChannels.Console)).IsOk);

        Assert.Equal(
            [EvaluationChannels.Evaluator, EvaluationChannels.Console],
            journal.Events.OfType<TicketEvaluated>().Select(e => e.Channel));
    }

    [Fact]
    public void A_rating_is_refused_as_evaluation_closed_once_the_window_after_finish_has_passed()
    {
        var (engine, journal, time) = RatedHall.Start(windowMinutes: 30);
        var onTime = RatedHall.Served(engine, token: "on-time");
        var late = RatedHall.Served(engine, token: "late");

        time.Advance(TimeSpan.FromMinutes(30));
        Assert.True(engine.Evaluate(EvaluateCommand.Online("on-time", 5)).IsOk);
        time.Advance(TimeSpan.FromSeconds(1));
        var refused = engine.Evaluate(EvaluateCommand.Online("late", 5));

        Assert.Equal(ErrorCodes.EvaluationClosed, refused.Error?.Code);
        Assert.Equal(ErrorCodes.EvaluationClosed, engine.Evaluate(EvaluateCommand.AtCounter(late.Number, "c1", 5)).Error?.Code);
        Assert.Null(engine.FindTicket(late.Number)!.Score);
        Assert.Equal(onTime.Id, Assert.Single(journal.Events.OfType<TicketEvaluated>()).TicketId);
    }

    [Fact]
    public void A_ticket_not_finished_cannot_be_rated()
    {
        var (engine, _, _) = RatedHall.Start();
        var issued = engine.Issue(new IssueTicketCommand("s1", "kiosk", Token: "waiting")).Value!.Ticket;

        Assert.Equal(ErrorCodes.InvalidTicketState, engine.Evaluate(EvaluateCommand.Online("waiting", 5)).Error?.Code);
        engine.CallNext("c1");
        Assert.Equal(ErrorCodes.InvalidTicketState, engine.Evaluate(EvaluateCommand.AtCounter(issued.Number, "c1", 5)).Error?.Code);
        Assert.Equal(ErrorCodes.UnknownTicket, engine.Evaluate(EvaluateCommand.Online("no-such-token", 5)).Error?.Code);
        Assert.Equal(ErrorCodes.UnknownTicket, engine.Evaluate(EvaluateCommand.AtCounter("A999", "c1", 5)).Error?.Code);
    }

    [Fact]
    public void A_case_finished_at_23_50_can_be_rated_at_00_10_by_its_number_or_its_token()
    {
        var evening = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 23, 45, 0, TimeSpan.FromHours(8)));
        var (engine, journal, time) = RatedHall.Start(windowMinutes: 60, time: evening);
        time.Advance(TimeSpan.FromMinutes(5));
        var byNumber = RatedHall.Served(engine, token: "by-number");
        var byToken = RatedHall.Served(engine, token: "by-token");

        time.Advance(TimeSpan.FromMinutes(20));
        // The new day's first ticket takes A001 again and rolls the day over.
        var today = engine.Issue(new IssueTicketCommand("s1", "kiosk")).Value!.Ticket;
        Assert.Equal(byNumber.Number, today.Number);

        var rated = engine.Evaluate(EvaluateCommand.AtCounter(byNumber.Number, "c1", 5));
        var online = engine.Evaluate(EvaluateCommand.Online("by-token", 4));

        Assert.True(rated.IsOk, rated.Error?.Message);
        Assert.Equal(byNumber.Id, rated.Value!.Ticket.Id);
        Assert.True(online.IsOk, online.Error?.Message);
        Assert.Equal([byNumber.Id, byToken.Id], journal.Events.OfType<TicketEvaluated>().Select(e => e.TicketId));
        Assert.Equal([today.Id], engine.TicketsToday().Select(t => t.Id));
    }

    [Fact]
    public void After_midnight_a_case_whose_window_has_passed_is_closed_and_leaves_memory_at_the_next_day()
    {
        var evening = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 23, 40, 0, TimeSpan.FromHours(8)));
        var (engine, _, time) = RatedHall.Start(windowMinutes: 30, time: evening);
        var t = RatedHall.Served(engine, token: "late");

        time.Advance(TimeSpan.FromMinutes(25)); // 00:05: still open
        Assert.NotNull(engine.FindByToken("late"));
        time.Advance(TimeSpan.FromMinutes(10)); // 00:15: 35 minutes after finish
        Assert.Equal(ErrorCodes.EvaluationClosed, engine.Evaluate(EvaluateCommand.Online("late", 5)).Error?.Code);
        Assert.Equal(ErrorCodes.EvaluationClosed, engine.Evaluate(EvaluateCommand.AtCounter(t.Number, "c1", 5)).Error?.Code);

        time.Advance(TimeSpan.FromDays(1));
        engine.Issue(new IssueTicketCommand("s1", "kiosk"));
        Assert.Null(engine.FindByToken("late"));
        Assert.NotEqual(t.Id, engine.FindTicket(t.Number)?.Id);
    }

    [Fact]
    public void A_restart_after_midnight_keeps_yesterdays_finished_case_open_to_rating()
    {
        var evening = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 23, 45, 0, TimeSpan.FromHours(8)));
        var (engine, journal, time) = RatedHall.Start(windowMinutes: 60, time: evening);
        var t = RatedHall.Served(engine, token: "after-restart");
        var tickets = journal.Changes.SelectMany(c => c.Tickets).GroupBy(x => x.Id).Select(g => g.Last()).ToList();
        var counters = journal.Changes.SelectMany(c => c.Counters).GroupBy(x => x.CounterId).Select(g => g.Last()).ToList();

        time.Advance(TimeSpan.FromMinutes(25));
        var restarted = HallEngine.Restore(RatedHall.Definition(60), journal, time, new HallSnapshot(tickets, counters, engine.LastSequence));

        Assert.True(restarted.Evaluate(EvaluateCommand.AtCounter(t.Number, "c1", 5)).IsOk);
        Assert.Equal(ErrorCodes.AlreadyEvaluated, restarted.Evaluate(EvaluateCommand.Online("after-restart", 4)).Error?.Code);
    }

    [Fact]
    public void Reasons_must_be_the_halls_and_come_with_a_bad_rating_and_the_text_is_trimmed_and_cut_to_200()
    {
        var (engine, journal, _) = RatedHall.Start();
        var t = RatedHall.Served(engine, token: "reasons");
        var good = RatedHall.Served(engine, token: "good");
        var text = "  " + new string('慢', 199) + "😀 and more  ";

        Assert.Equal(ErrorCodes.UnknownReason, engine.Evaluate(EvaluateCommand.Online("reasons", 1) with { ReasonIds = ["long-wait", "no-such"] }).Error?.Code);
        Assert.Equal(ErrorCodes.InvalidRequest, engine.Evaluate(EvaluateCommand.Online("good", 5) with { ReasonIds = ["long-wait"] }).Error?.Code);
        Assert.Equal(ErrorCodes.InvalidRequest, engine.Evaluate(EvaluateCommand.Online("good", 3) with { ReasonText = "ok" }).Error?.Code);
        var rated = engine.Evaluate(EvaluateCommand.Online("reasons", 2) with { ReasonIds = ["long-wait", "attitude", "long-wait"], ReasonText = text });

        Assert.True(rated.IsOk, rated.Error?.Message);
        var e = Assert.Single(journal.Events.OfType<TicketEvaluated>());
        Assert.Equal(["long-wait", "attitude"], e.ReasonIds!);
        Assert.Equal(new string('慢', 199), e.ReasonText); // 200 would split the emoji: it is left out whole
        Assert.Equal(e.ReasonText, rated.Value!.FollowUp!.ReasonText);
        Assert.Equal(["long-wait", "attitude"], rated.Value.FollowUp.ReasonIds);
        Assert.True(engine.Evaluate(EvaluateCommand.Online("good", 5) with { ReasonIds = [], ReasonText = "   " }).IsOk);
        Assert.Equal(t.Id, rated.Value.Ticket.Id);
        Assert.Equal(5, engine.FindTicket(good.Number)!.Score);
    }

    [Fact]
    public void A_bad_rating_on_friday_opens_a_follow_up_due_after_a_weekend_and_a_holiday_counting_the_worked_saturday()
    {
        var (engine, journal, _) = RatedHall.Start();
        var t = RatedHall.Served(engine);

        var rated = engine.Evaluate(EvaluateCommand.AtCounter(t.Number, "c1", 2));

        // Friday 27 Nov + 5 working days: Mon 30, (Tue 1 Dec a holiday), Wed 2, Thu 3, Fri 4, Sat 5 (worked).
        var due = new DateOnly(2026, 12, 5);
        Assert.Equal(due, rated.Value!.FollowUp!.DueDate);
        var change = journal.Changes[^1];
        Assert.Collection(
            change.Events,
            e => Assert.IsType<TicketEvaluated>(e),
            e =>
            {
                var opened = Assert.IsType<FollowUpOpened>(e);
                Assert.Equal((t.Id, "c1", "s01", 2, due), (opened.TicketId, opened.CounterId, opened.StaffId, opened.Score, opened.DueDate));
            });
        var followUp = Assert.Single(change.FollowUps);
        Assert.Equal((t.Id, t.Number, "c1", "s01", 2), (followUp.TicketId, followUp.Number, followUp.CounterId, followUp.StaffId, followUp.Score));
        Assert.False(followUp.IsClosed);
        Assert.Equal(followUp, Assert.Single(engine.FollowUps()));
    }

    [Fact]
    public void Ratings_of_three_to_five_open_no_follow_up()
    {
        var (engine, journal, _) = RatedHall.Start();
        foreach (var score in new[] { 3, 4, 5 })
        {
            var t = RatedHall.Served(engine);
            Assert.Null(engine.Evaluate(EvaluateCommand.AtCounter(t.Number, "c1", score)).Value!.FollowUp);
        }

        Assert.Empty(journal.Events.OfType<FollowUpOpened>());
        Assert.Empty(engine.FollowUps());
    }

    [Fact]
    public void A_ticket_keeps_the_tracking_token_it_was_issued_with_and_a_token_in_use_is_refused()
    {
        var (engine, _, _) = RatedHall.Start();
        var issued = engine.Issue(new IssueTicketCommand("s1", "kiosk", Token: "abc")).Value!.Ticket;

        Assert.Equal("abc", issued.Token);
        Assert.Same(engine.FindTicket(issued.Number), engine.FindByToken("abc"));
        Assert.Equal(ErrorCodes.InvalidRequest, engine.Issue(new IssueTicketCommand("s1", "kiosk", Token: "abc")).Error?.Code);
        Assert.Null(engine.FindByToken("ab"));
    }

    [Fact]
    public void A_repeated_rating_request_gets_the_first_answer_with_its_follow_up_also_after_a_restart()
    {
        var (engine, journal, time) = RatedHall.Start();
        var t = RatedHall.Served(engine);
        var first = engine.Evaluate(EvaluateCommand.AtCounter(t.Number, "c1", 1) with { ReasonIds = ["attitude"] }, requestId: "ev-1");

        var again = engine.Evaluate(EvaluateCommand.AtCounter(t.Number, "c1", 1), requestId: "ev-1");
        var requests = journal.Changes.Select(c => c.Request).OfType<ProcessedRequest>().ToList();
        var tickets = journal.Changes.SelectMany(c => c.Tickets).GroupBy(x => x.Id).Select(g => g.Last()).ToList();
        var restored = HallEngine.Restore(RatedHall.Definition(), journal, time, new HallSnapshot(tickets, [], engine.LastSequence) { Requests = requests });
        var afterRestart = restored.Evaluate(EvaluateCommand.AtCounter(t.Number, "c1", 1), requestId: "ev-1");

        Assert.Equal(first.Value!.FollowUp!.DueDate, again.Value!.FollowUp!.DueDate);
        Assert.Equal(["attitude"], afterRestart.Value!.FollowUp!.ReasonIds);
        Assert.Equal(1, afterRestart.Value.Ticket.Score);
        Assert.Single(journal.Events.OfType<TicketEvaluated>());
        Assert.Single(journal.Events.OfType<FollowUpOpened>());
    }
}
