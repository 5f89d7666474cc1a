using HallDevices.Queueing.Engine;
using HallDevices.Queueing.Tickets;

namespace HallDevices.Queueing.Tests.Engine;

public class IdempotencyTests
{
    [Fact]
    public void A_repeated_request_id_returns_the_first_answer_and_issues_nothing_new()
    {
        var (engine, journal, _) = TestHall.Start(TestHall.Small());

        var first = engine.Issue(new IssueTicketCommand("s1", "kiosk"), requestId: "k1-0001");
        var again = engine.Issue(new IssueTicketCommand("s1", "kiosk"), requestId: "k1-0001");

        Assert.Equal(first.Value!.Ticket.Number, again.Value!.Ticket.Number);
        Assert.Equal(first.Value.WaitingAhead, again.Value.WaitingAhead);
        Assert.Single(journal.Events.OfType<TicketIssued>());
        Assert.Equal("A002", engine.Issue(new IssueTicketCommand("s1", "kiosk"), requestId: "k1-0002").Value!.Ticket.Number);
    }

    [Fact]
    public void A_repeated_call_next_does_not_call_a_second_ticket_even_when_the_first_found_nobody()
    {
        var (engine, _, _) = TestHall.Start(TestHall.Small());
        engine.Login("c1", "s01");

        Assert.Null(engine.CallNext("c1", "press-1").Value);
        engine.Issue(new IssueTicketCommand("s1", "kiosk"));

        Assert.Null(engine.CallNext("c1", "press-1").Value);
        Assert.Equal("A001", engine.CallNext("c1", "press-2").Value!.Number);
        Assert.Equal("A001", engine.CallNext("c1", "press-2").Value!.Number);
        Assert.Equal(CounterStatus.Serving, engine.FindCounter("c1")!.Status);
    }

    [Fact]
    public void A_repeat_after_a_restart_gets_the_first_answer_from_storage()
    {
        var (engine, journal, time) = TestHall.Start(TestHall.Small());
        var first = engine.Issue(new IssueTicketCommand("s1", "kiosk"), requestId: "k1-0001");
        var refused = engine.Issue(new IssueTicketCommand("nope", "kiosk"), requestId: "k1-0002");

        var requests = journal.Changes.Select(c => c.Request).OfType<ProcessedRequest>().ToList();
        var tickets = journal.Changes.SelectMany(c => c.Tickets).ToList();
        var restored = HallEngine.Restore(TestHall.Small(), journal, time, new HallSnapshot(tickets, [], engine.LastSequence) { Requests = requests });

        Assert.Equal(first.Value!.Ticket.Number, restored.Issue(new IssueTicketCommand("s1", "kiosk"), requestId: "k1-0001").Value!.Ticket.Number);
        Assert.Equal(ErrorCodes.UnknownService, restored.Issue(new IssueTicketCommand("s1", "kiosk"), requestId: "k1-0002").Error?.Code);
        Assert.Equal(ErrorCodes.RequestIdReused, restored.CallNext("c1", "k1-0001").Error?.Code);
        Assert.Single(journal.Events.OfType<TicketIssued>());
    }
}
