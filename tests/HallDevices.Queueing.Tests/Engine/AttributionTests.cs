using HallDevices.Queueing.Engine;
using HallDevices.Queueing.Tickets;

namespace HallDevices.Queueing.Tests.Engine;

/// <summary>Every event says who asked for the command that made it (<see cref="HallEvent.By"/>).</summary>
public class AttributionTests
{
    [Fact]
    public void Call_next_given_by_stamps_both_the_finish_of_the_ticket_served_and_the_new_call()
    {
        var (engine, journal, _) = TestHall.Start(TestHall.Small());
        engine.Issue(new IssueTicketCommand("s1", "kiosk"));
        engine.Issue(new IssueTicketCommand("s1", "kiosk"));
        engine.Login("c1", "s01", by: "s01");
        engine.CallNext("c1", by: "s01");

        var events = EventsOf(journal, () => engine.CallNext("c1", by: "mgr01"));

        Assert.Collection(
            events,
            e => Assert.Equal("mgr01", Assert.IsType<TicketFinished>(e).By),
            e => Assert.Equal("mgr01", Assert.IsType<TicketCalled>(e).By));
    }

    [Fact]
    public void A_command_given_no_by_leaves_by_null_on_its_events()
    {
        var (engine, journal, _) = TestHall.Start(TestHall.Small());
        engine.Issue(new IssueTicketCommand("s1", "kiosk", "k1"));
        engine.Login("c1", "s01");
        engine.CallNext("c1");
        engine.CallNext("c1");

        Assert.Equal(4, journal.Events.Count());
        Assert.All(journal.Events, e => Assert.Null(e.By));
    }

    [Fact]
    public void Every_command_stamps_every_event_it_emits_with_its_own_by()
    {
        var (engine, journal, _) = TestHall.Start(TestHall.Small());
        var stamped = new List<(string By, IReadOnlyList<HallEvent> Events)>();
        void Run(string by, Action<string> command) => stamped.Add((by, EventsOf(journal, () => command(by))));

        Run("api:portal", by => engine.Issue(new IssueTicketCommand("s1", "mobile"), by: by));
        Run("api:kiosk-vendor", by => engine.Issue(new IssueTicketCommand("s1", "kiosk"), by: by));
        Run("s01", by => engine.Login("c1", "s01", by: by));
        Run("s02", by => engine.Login("c2", "s02", by: by));
        Run("s01-pause", by => engine.Pause("c1", by: by));
        Run("s01-resume", by => engine.Resume("c1", by: by));
        Run("s01-call", by => engine.CallNext("c1", by: by));
        Run("s01-recall", by => engine.Recall("c1", by: by));
        Run("s01-skip", by => engine.Skip("c1", by: by));
        Run("s01-reinstate", by => engine.Reinstate("A001", by: by));
        Run("s01-call-2", by => engine.CallNext("c1", by: by));
        Run("s01-transfer", by => engine.Transfer("c1", "q2", "c2", by: by));
        Run("s02-call", by => engine.CallNext("c2", by: by));
        Run("s02-finish", by => engine.Finish("c2", by: by));
        Run("api:rater", by => engine.Evaluate(EvaluateCommand.AtCounter("A001", "c2", 1), by: by));
        var rated = engine.FollowUps().Single().TicketId;
        Run("mgr01", by => engine.RecordFollowUp(rated, "call-back", "called", null, by: by));
        Run("s02-appeal", by => engine.Appeal(rated, "mistaken", "pressed the wrong key", by: by));
        Run("district", by => engine.ReviewAppeal(rated, false, "kept", by: by));
        Run("s01-call-3", by => engine.CallNext("c1", by: by));
        Run("api:issuer", by => engine.Issue(new IssueTicketCommand("s1", "kiosk"), by: by));
        Run("s01-void", by => engine.Void("A003", "print-failed: paper-out", by: by));
        Run("s01-reprint", by => engine.Reprint("A003", by: by));
        Run("s01-void-2", by => engine.Void("A003", "cancelled", by: by));
        Run("s02-logout", by => engine.Logout("c2", by: by));

        Assert.All(stamped, s =>
        {
            Assert.NotEmpty(s.Events);
            Assert.All(s.Events, e => Assert.Equal(s.By, e.By));
        });
        var kinds = stamped.SelectMany(s => s.Events).Select(e => e.Type).ToHashSet();
        Assert.Equal(
            ["appeal-reviewed", "counter-changed", "evaluation", "evaluation-appealed", "follow-up-opened", "follow-up-recorded", "ticket-called", "ticket-finished", "ticket-issued", "ticket-recalled", "ticket-reinstated", "ticket-skipped", "ticket-transferred", "ticket-voided"],
            kinds.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_repeated_request_id_with_another_by_emits_nothing_and_the_first_events_keep_the_first_by()
    {
        var (engine, journal, _) = TestHall.Start(TestHall.Small());
        engine.Issue(new IssueTicketCommand("s1", "kiosk"));
        engine.Login("c1", "s01");
        var first = engine.CallNext("c1", "press-1", by: "s01");

        var events = EventsOf(journal, () => engine.CallNext("c1", "press-1", by: "mgr01"));

        Assert.Empty(events);
        Assert.Equal("s01", journal.Events.OfType<TicketCalled>().Single(e => e.TicketId == first.Value!.Id).By);
    }

    [Fact]
    public void Overnight_voids_are_the_servers_not_those_of_who_sent_the_first_command_of_the_day()
    {
        var (engine, journal, time) = TestHall.Start(TestHall.Small());
        var left = engine.Issue(new IssueTicketCommand("s1", "kiosk")).Value!.Ticket;

        time.Advance(TimeSpan.FromHours(24));
        engine.Login("c1", "s01", by: "s01");

        Assert.Null(journal.Events.OfType<TicketVoided>().Single(v => v.TicketId == left.Id).By);
        Assert.Equal("s01", journal.Events.OfType<CounterChanged>().Single().By);
    }

    /// <summary>The events committed while <paramref name="command"/> ran.</summary>
    private static List<HallEvent> EventsOf(MemoryJournal journal, Action command)
    {
        var before = journal.Changes.Count;
        command();
        return journal.Changes.Skip(before).SelectMany(c => c.Events).ToList();
    }
}
