using HallDevices.Queueing.Engine;
using HallDevices.Queueing.Tickets;

namespace HallDevices.Queueing.Tests.Engine;

public class HallEngineTests
{
    private static Ticket Issue(HallEngine engine, string service = "s1", TicketPriority priority = TicketPriority.Normal)
    {
        var outcome = engine.Issue(new IssueTicketCommand(service, "kiosk", "k1", null, priority));
        Assert.True(outcome.IsOk, outcome.Error?.Message);
        return outcome.Value!.Ticket;
    }

    private static Ticket Call(HallEngine engine, string counter)
    {
        var outcome = engine.CallNext(counter);
        Assert.True(outcome.IsOk, outcome.Error?.Message);
        return Assert.IsType<Ticket>(outcome.Value);
    }

    [Fact]
    public void Numbers_run_per_queue_with_the_queue_prefix()
    {
        var (engine, _, _) = TestHall.Start(TestHall.Small());

        Assert.Equal("A001", Issue(engine, "s1").Number);
        Assert.Equal("B001", Issue(engine, "s2").Number);
        Assert.Equal("A002", Issue(engine, "s1").Number);
    }

    [Fact]
    public void Numbers_restart_at_the_halls_local_midnight_and_a_2359_ticket_keeps_its_number()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 23, 58, 0, TimeSpan.FromHours(8)));
        var (engine, _, _) = TestHall.Start(TestHall.Small(), time);
        Issue(engine);
        time.Advance(TimeSpan.FromMinutes(1));
        var late = Issue(engine);

        time.Advance(TimeSpan.FromMinutes(2)); // 00:01 in Shanghai, still 16:01 UTC of the 27th
        var first = Issue(engine);

        Assert.Equal("A002", late.Number);
        Assert.Equal(new DateOnly(2026, 11, 27), late.ServiceDay);
        Assert.Equal("A001", first.Number);
        Assert.Equal(new DateOnly(2026, 11, 28), first.ServiceDay);
    }

    [Fact]
    public void Tickets_left_waiting_overnight_are_voided_as_day_ended_not_called_next_morning()
    {
        var (engine, journal, time) = TestHall.Start(TestHall.Small());
        var left = Issue(engine);
        engine.Login("c1", "s01");

        time.Advance(TimeSpan.FromHours(24));
        var fresh = Issue(engine);

        Assert.Equal(fresh.Id, Call(engine, "c1").Id);
        Assert.Contains(journal.Events.OfType<TicketVoided>(), v => v.TicketId == left.Id && v.Reason == "day-ended");
    }

    [Fact]
    public void Call_next_takes_priority_tickets_before_older_ordinary_ones()
    {
        var (engine, _, time) = TestHall.Start(TestHall.Small());
        engine.Login("c2", "s02");
        var ordinary = Issue(engine, "s2");
        time.Advance(TimeSpan.FromMinutes(5));
        var appointment = Issue(engine, "s2", TicketPriority.Appointment);

        Assert.Equal(appointment.Id, Call(engine, "c2").Id);
        Assert.Equal(ordinary.Id, Call(engine, "c2").Id);
    }

    [Fact]
    public void Call_next_picks_the_head_with_the_highest_weight_times_waiting_time()
    {
        var (engine, _, time) = TestHall.Start(TestHall.Small());
        engine.Login("c1", "s01"); // q1 weight 3, q2 weight 1
        var b = Issue(engine, "s2");
        time.Advance(TimeSpan.FromMinutes(4));
        var a = Issue(engine, "s1");
        time.Advance(TimeSpan.FromMinutes(1));

        // q1 head: 3 × 1 min = 3; q2 head: 1 × 5 min = 5 → the older B ticket wins despite the weight.
        Assert.Equal(b.Id, Call(engine, "c1").Id);
        var b2 = Issue(engine, "s2");
        time.Advance(TimeSpan.FromMinutes(1));

        // q1 head: 3 × 2 = 6; q2 head: 1 × 1 = 1 → A.
        Assert.Equal(a.Id, Call(engine, "c1").Id);
        Assert.Equal(b2.Id, Call(engine, "c1").Id);
    }

    [Fact]
    public void A_ticket_past_the_service_level_wait_goes_first()
    {
        var (engine, _, time) = TestHall.Start(TestHall.Small());
        engine.Login("c1", "s01");
        var old = Issue(engine, "s2"); // weight 1 at c1
        time.Advance(TimeSpan.FromMinutes(31));
        for (var i = 0; i < 5; i++)
        {
            Issue(engine, "s1");
        }

        time.Advance(TimeSpan.FromMinutes(20)); // q1 head: 3 × 20 = 60 > q2 head: 1 × 51 = 51, but q2 is overdue

        Assert.Equal(old.Id, Call(engine, "c1").Id);
    }

    [Fact]
    public void The_fallback_window_serves_every_queue()
    {
        var (engine, _, time) = TestHall.Start(TestHall.Small());
        engine.Login("f", "s09");
        var a = Issue(engine, "s1");
        time.Advance(TimeSpan.FromSeconds(1));
        var b = Issue(engine, "s2");
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(a.Id, Call(engine, "f").Id);
        Assert.Equal(b.Id, Call(engine, "f").Id);
        Assert.Null(engine.CallNext("f").Value);
    }

    [Fact]
    public void A_counter_does_not_call_tickets_of_queues_it_does_not_serve()
    {
        var (engine, _, _) = TestHall.Start(TestHall.Small());
        engine.Login("c2", "s02"); // serves q2 only
        Issue(engine, "s1");

        var outcome = engine.CallNext("c2");

        Assert.True(outcome.IsOk);
        Assert.Null(outcome.Value);
    }

    [Fact]
    public void Call_next_while_serving_finishes_the_current_ticket_first()
    {
        var (engine, journal, _) = TestHall.Start(TestHall.Small());
        engine.Login("c1", "s01");
        var first = Issue(engine);
        Issue(engine);
        Call(engine, "c1");

        Call(engine, "c1");

        Assert.Equal(TicketStatus.Finished, engine.FindTicket(first.Number)!.Status);
        Assert.Single(journal.Events.OfType<TicketFinished>(), f => f.TicketId == first.Id);
    }

    [Fact]
    public void Recall_counts_each_reannouncement()
    {
        var (engine, journal, _) = TestHall.Start(TestHall.Small());
        engine.Login("c1", "s01");
        Issue(engine);
        Call(engine, "c1");

        engine.Recall("c1");
        var twice = engine.Recall("c1").Value!;

        Assert.Equal(2, twice.RecallCount);
        Assert.Equal(2, journal.Events.OfType<TicketRecalled>().Count());
    }

    [Fact]
    public void A_skipped_ticket_can_be_reinstated_within_the_window_and_is_called_again_at_its_old_place()
    {
        var (engine, _, time) = TestHall.Start(TestHall.Small()); // window: 10 minutes
        engine.Login("c1", "s01");
        var noShow = Issue(engine);
        time.Advance(TimeSpan.FromSeconds(10));
        var next = Issue(engine);
        Call(engine, "c1");
        var skipped = engine.Skip("c1").Value!;
        Assert.Equal(TicketStatus.NoShow, skipped.Status);

        time.Advance(TimeSpan.FromMinutes(9));
        Assert.True(engine.Reinstate(noShow.Number).IsOk);

        Assert.Equal(noShow.Id, Call(engine, "c1").Id);
        Assert.Equal(next.Id, Call(engine, "c1").Id);
    }

    [Fact]
    public void A_skipped_ticket_that_comes_back_too_late_is_refused()
    {
        var (engine, _, time) = TestHall.Start(TestHall.Small());
        engine.Login("c1", "s01");
        var t = Issue(engine);
        Call(engine, "c1");
        engine.Skip("c1");

        time.Advance(TimeSpan.FromMinutes(11));
        var outcome = engine.Reinstate(t.Number);

        Assert.Equal(ErrorCodes.ReinstateWindowPassed, outcome.Error?.Code);
    }

    [Fact]
    public void A_ticket_transferred_to_another_queue_keeps_its_issue_time_and_goes_before_newer_tickets()
    {
        var (engine, journal, time) = TestHall.Start(TestHall.Small());
        engine.Login("c1", "s01");
        engine.Login("c2", "s02");
        var moved = Issue(engine, "s1");
        time.Advance(TimeSpan.FromMinutes(1));
        var newer = Issue(engine, "s2");
        Call(engine, "c1");

        var transferred = engine.Transfer("c1", "q2", null).Value!;

        Assert.Equal(TicketStatus.Transferred, transferred.Status);
        Assert.Equal(moved.IssuedAt, transferred.IssuedAt);
        Assert.Equal("A001", transferred.Number);
        Assert.Equal(moved.Id, Call(engine, "c2").Id);
        Assert.Equal(newer.Id, Call(engine, "c2").Id);
        Assert.Single(journal.Events.OfType<TicketTransferred>());
    }

    [Fact]
    public void A_ticket_transferred_to_a_counter_is_called_there_first()
    {
        var (engine, _, time) = TestHall.Start(TestHall.Small());
        engine.Login("c1", "s01");
        engine.Login("f", "s09");
        Issue(engine, "s1");
        time.Advance(TimeSpan.FromMinutes(1));
        var moved = Issue(engine, "s1");
        Call(engine, "c1");
        Call(engine, "f");

        engine.Transfer("f", null, "c1");

        Assert.Equal(moved.Id, Call(engine, "c1").Id);
    }

    [Fact]
    public void Counter_state_rules_refuse_actions_that_make_no_sense()
    {
        var (engine, _, _) = TestHall.Start(TestHall.Small());

        Assert.Equal(ErrorCodes.CounterClosed, engine.CallNext("c1").Error?.Code);
        Assert.Equal(ErrorCodes.UnknownCounter, engine.CallNext("c9").Error?.Code);
        engine.Login("c1", "s01");
        Assert.Equal(ErrorCodes.CounterOccupied, engine.Login("c1", "s02").Error?.Code);
        Assert.Equal(ErrorCodes.StaffElsewhere, engine.Login("c2", "s01").Error?.Code);
        Assert.Equal(ErrorCodes.NotServing, engine.Finish("c1").Error?.Code);
        Issue(engine);
        Call(engine, "c1");
        Assert.Equal(ErrorCodes.TicketInProgress, engine.Pause("c1").Error?.Code);
        Assert.Equal(ErrorCodes.TicketInProgress, engine.Logout("c1").Error?.Code);
        engine.Finish("c1");
        Assert.Equal(CounterStatus.Paused, engine.Pause("c1").Value!.Status);
        Assert.Equal(ErrorCodes.CounterPaused, engine.CallNext("c1").Error?.Code);
        Assert.Equal(CounterStatus.Idle, engine.Resume("c1").Value!.Status);
        Assert.Equal(CounterStatus.Closed, engine.Logout("c1").Value!.Status);
    }

    [Fact]
    public void Ticket_refusals_say_why()
    {
        var (engine, _, _) = TestHall.Start(TestHall.Small());
        var citizen = TestHall.Protector.Protect("11010519491231002X");

        Assert.Equal(ErrorCodes.UnknownService, engine.Issue(new IssueTicketCommand("nope", "kiosk")).Error?.Code);
        Assert.Equal(ErrorCodes.IdRequired, engine.Issue(new IssueTicketCommand("s3", "kiosk")).Error?.Code);
        Assert.True(engine.Issue(new IssueTicketCommand("s3", "kiosk", Citizen: citizen)).IsOk);
        Assert.Equal(ErrorCodes.DailyLimit, engine.Issue(new IssueTicketCommand("s3", "kiosk", Citizen: citizen)).Error?.Code);
        Assert.Equal(ErrorCodes.AppointmentNotAllowed, engine.Issue(new IssueTicketCommand("s1", "kiosk", Priority: TicketPriority.Appointment)).Error?.Code);
    }

    [Fact]
    public void Daily_capacity_is_enforced_and_a_voided_ticket_frees_its_place()
    {
        var (engine, _, _) = TestHall.Start(TestHall.Small()); // s3 capacity 3
        var issued = Enumerable.Range(0, 3)
            .Select(i => engine.Issue(new IssueTicketCommand("s3", "kiosk", Citizen: TestHall.Protector.Protect($"1101051949123100{i}X"))).Value!.Ticket)
            .ToList();
        var fourth = TestHall.Protector.Protect("110105194912310099");

        Assert.Equal(ErrorCodes.CapacityReached, engine.Issue(new IssueTicketCommand("s3", "kiosk", Citizen: fourth)).Error?.Code);
        engine.Void(issued[0].Number, "print-failed");
        Assert.True(engine.Issue(new IssueTicketCommand("s3", "kiosk", Citizen: fourth)).IsOk);
    }

    [Fact]
    public void The_raw_id_number_is_kept_only_as_a_keyed_hash_and_a_masked_form()
    {
        var (engine, journal, _) = TestHall.Start(TestHall.Small());
        const string raw = "11010519491231002X";

        var ticket = engine.Issue(new IssueTicketCommand("s3", "kiosk", Citizen: TestHall.Protector.Protect(raw))).Value!.Ticket;

        Assert.Equal("1101**********002X", ticket.MaskedId);
        var everything = System.Text.Json.JsonSerializer.Serialize(journal.Changes);
        Assert.DoesNotContain(raw, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(raw, ticket.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_ticket_voided_by_a_failed_print_can_be_reprinted_and_waits_at_its_old_place()
    {
        var (engine, _, time) = TestHall.Start(TestHall.Small());
        engine.Login("c1", "s01");
        var failed = Issue(engine);
        time.Advance(TimeSpan.FromMinutes(1));
        var later = Issue(engine);
        engine.Void(failed.Number, "print-failed: paper-out");

        Assert.Equal(TicketStatus.Waiting, engine.Reprint(failed.Number).Value!.Status);

        Assert.Equal(failed.Id, Call(engine, "c1").Id);
        Assert.Equal(later.Id, Call(engine, "c1").Id);
        engine.Void(later.Number, "cancelled");
        Assert.Equal(ErrorCodes.InvalidTicketState, engine.Reprint(later.Number).Error?.Code);
    }

    [Fact]
    public void A_voided_ticket_is_never_called()
    {
        var (engine, _, _) = TestHall.Start(TestHall.Small());
        engine.Login("c1", "s01");
        var voided = Issue(engine);
        var kept = Issue(engine);

        engine.Void(voided.Number, "print-failed");

        Assert.Equal(kept.Id, Call(engine, "c1").Id);
        Assert.Null(engine.CallNext("c1").Value);
    }

    [Fact]
    public void Evaluation_is_taken_once_for_a_finished_ticket_at_the_counter_that_served_it()
    {
        var (engine, _, _) = TestHall.Start(TestHall.Small());
        engine.Login("c1", "s01");
        var t = Issue(engine);
        Call(engine, "c1");

        Assert.Equal(ErrorCodes.InvalidTicketState, engine.Evaluate(EvaluateCommand.AtCounter(t.Number, "c1", 5)).Error?.Code);
        engine.Finish("c1");
        Assert.Equal(ErrorCodes.InvalidScore, engine.Evaluate(EvaluateCommand.AtCounter(t.Number, "c1", 6)).Error?.Code);
        Assert.Equal(ErrorCodes.NotServedHere, engine.Evaluate(EvaluateCommand.AtCounter(t.Number, "c2", 5)).Error?.Code);
        Assert.Equal(5, engine.Evaluate(EvaluateCommand.AtCounter(t.Number, "c1", 5)).Value!.Ticket.Score);
        Assert.Equal(ErrorCodes.AlreadyEvaluated, engine.Evaluate(EvaluateCommand.AtCounter(t.Number, "c1", 4)).Error?.Code);
    }

    [Fact]
    public void Estimated_wait_follows_recent_handling_times_and_open_counters()
    {
        var (engine, _, time) = TestHall.Start(TestHall.Small()); // default 5 min
        var first = engine.Issue(new IssueTicketCommand("s2", "kiosk")).Value!;
        Assert.Equal(0, first.EstimatedWaitMinutes);

        // Two counters serve q2: c1 gives it 1/4 of its attention, c2 all of it; with only c2 open
        // and handling measured at 2 minutes, each person ahead costs 2 minutes.
        engine.Login("c2", "s02");
        Call(engine, "c2");
        time.Advance(TimeSpan.FromMinutes(2));
        engine.Finish("c2");
        Issue(engine, "s2");
        Issue(engine, "s2");
        var third = engine.Issue(new IssueTicketCommand("s2", "kiosk")).Value!;

        Assert.Equal(2, third.WaitingAhead);
        Assert.Equal(4, third.EstimatedWaitMinutes);
        var q2 = engine.Queues().Single(q => q.QueueId == "q2");
        Assert.Equal(3, q2.Waiting);
        Assert.Equal(120, q2.MeanHandlingSeconds);
    }

    [Fact]
    public void A_failed_commit_changes_nothing_and_the_next_command_still_works()
    {
        var (engine, journal, _) = TestHall.Start(TestHall.Small());
        engine.Login("c1", "s01");
        Issue(engine);

        journal.FailNext = true;
        Assert.Throws<IOException>(() => engine.CallNext("c1"));

        Assert.Equal(CounterStatus.Idle, engine.FindCounter("c1")!.Status);
        Assert.Equal(TicketStatus.Waiting, engine.FindTicket("A001")!.Status);
        Assert.Equal("A001", Call(engine, "c1").Number);
        var sequences = journal.Events.Select(e => e.Sequence).ToList();
        Assert.Equal(Enumerable.Range(1, sequences.Count).Select(i => (long)i), sequences);
    }

    [Fact]
    public void Restoring_from_committed_state_continues_numbering_and_queues()
    {
        var (engine, journal, time) = TestHall.Start(TestHall.Small());
        engine.Login("c1", "s01");
        Issue(engine);
        Issue(engine);
        Call(engine, "c1");

        var tickets = journal.Changes.SelectMany(c => c.Tickets).GroupBy(t => t.Id).Select(g => g.Last()).ToList();
        var counters = journal.Changes.SelectMany(c => c.Counters).GroupBy(c => c.CounterId).Select(g => g.Last()).ToList();
        var restored = HallEngine.Restore(TestHall.Small(), journal, time, new HallSnapshot(tickets, counters, engine.LastSequence));

        Assert.Equal("A003", Issue(restored).Number);
        Assert.Equal(CounterStatus.Serving, restored.FindCounter("c1")!.Status);
        Assert.Equal("A002", Call(restored, "c1").Number);
        Assert.Equal(engine.LastSequence + 3, restored.LastSequence);
    }
}
