using HallDevices.Queueing.Engine;
using HallDevices.Queueing.Tickets;
using static HallDevices.Queueing.Tests.Engine.TestTickets;

namespace HallDevices.Queueing.Tests.Engine;

public class RequestLedgerTests
{
    private readonly RequestLedger _ledger = new();

    [Fact]
    public void A_request_not_seen_or_without_an_id_is_not_replayed()
    {
        _ledger.Remember(RequestLedger.Record("r1", Outcome<Ticket>.Success(null), Day));

        Assert.False(_ledger.TryReplay<Ticket>("r2", out _));
        Assert.False(_ledger.TryReplay<Ticket>(null, out _));
    }

    [Fact]
    public void A_repeated_request_id_returns_the_first_answer()
    {
        var ticket = Waiting("A001", Nine) with { Status = TicketStatus.Called, CounterId = "c1", CalledAt = Nine.AddMinutes(1) };
        _ledger.Remember(RequestLedger.Record("press-1", Outcome<Ticket>.Success(ticket), Day));

        Assert.True(_ledger.TryReplay<Ticket>("press-1", out var again));
        Assert.True(again.IsOk);
        Assert.Equal(ticket, again.Value);
    }

    [Fact]
    public void An_answer_of_nothing_and_a_refusal_are_replayed_as_such()
    {
        _ledger.Remember(RequestLedger.Record("empty", Outcome<Ticket>.Success(null), Day));
        _ledger.Remember(RequestLedger.Record("refused", Outcome<Ticket>.Fail(ErrorCodes.CounterClosed, "nobody is signed in at c1"), Day));

        Assert.True(_ledger.TryReplay<Ticket>("empty", out var empty));
        Assert.True(empty.IsOk);
        Assert.Null(empty.Value);
        Assert.True(_ledger.TryReplay<Ticket>("refused", out var refused));
        Assert.Equal(new QueueError(ErrorCodes.CounterClosed, "nobody is signed in at c1"), refused.Error);
    }

    [Fact]
    public void A_request_id_used_again_for_another_kind_of_request_is_refused()
    {
        _ledger.Remember(RequestLedger.Record("k1-0001", Outcome<Ticket>.Success(null), Day));

        Assert.True(_ledger.TryReplay<CounterState>("k1-0001", out var other));
        Assert.Equal(ErrorCodes.RequestIdReused, other.Error?.Code);
    }

    [Fact]
    public void The_record_keeps_the_kind_and_the_day_for_storage()
    {
        var record = RequestLedger.Record("r1", Outcome<CounterState>.Success(new CounterState("c1", CounterStatus.Idle, "s01", null, null, Nine)), Day);

        Assert.Equal("r1", record.RequestId);
        Assert.Equal(nameof(CounterState), record.Kind);
        Assert.Equal(Day, record.Day);
        Assert.Contains("\"status\":\"Idle\"", record.OutcomeJson, StringComparison.Ordinal);
    }

    [Fact]
    public void Clear_forgets_every_answer()
    {
        _ledger.Remember(RequestLedger.Record("r1", Outcome<Ticket>.Success(null), Day));

        _ledger.Clear();

        Assert.False(_ledger.TryReplay<Ticket>("r1", out _));
    }

    [Fact]
    public void Through_the_engine_a_repeated_refusal_stays_refused_after_its_cause_is_gone()
    {
        var (engine, journal, _) = TestHall.Start(TestHall.Small());
        engine.Issue(new IssueTicketCommand("s1", "kiosk"));
        Assert.Equal(ErrorCodes.CounterClosed, engine.CallNext("c1", "press-1").Error?.Code);

        engine.Login("c1", "s01");

        Assert.Equal(ErrorCodes.CounterClosed, engine.CallNext("c1", "press-1").Error?.Code);
        Assert.Empty(journal.Events.OfType<TicketCalled>());
        Assert.Single(journal.Changes, c => c.Request?.RequestId == "press-1");
    }

    [Fact]
    public void Through_the_engine_answers_are_forgotten_once_a_new_day_has_started()
    {
        var (engine, _, time) = TestHall.Start(TestHall.Small());
        Assert.Equal("A001", engine.Issue(new IssueTicketCommand("s1", "kiosk"), "k1-0001").Value!.Ticket.Number);

        time.Advance(TimeSpan.FromDays(1));
        engine.Login("c1", "s01"); // the day's first command starts the new day

        var again = engine.Issue(new IssueTicketCommand("s1", "kiosk"), "k1-0001").Value!.Ticket;
        Assert.Equal("A001", again.Number);
        Assert.Equal(new DateOnly(2026, 11, 28), again.ServiceDay);
    }
}
