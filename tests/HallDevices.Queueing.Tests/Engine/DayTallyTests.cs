using HallDevices.Queueing.Engine;
using HallDevices.Queueing.Tickets;
using Microsoft.Extensions.Time.Testing;
using static HallDevices.Queueing.Tests.Engine.TestTickets;

namespace HallDevices.Queueing.Tests.Engine;

public class DayTallyTests
{
    private readonly DayTally _tally = new(TestHall.Small(), Day);

    private Ticket New(Ticket t)
    {
        _tally.Count(null, t);
        return t;
    }

    [Fact]
    public void Numbers_run_per_queue()
    {
        New(Waiting("A001", Nine));
        New(Waiting("A002", Nine));
        New(Waiting("B001", Nine));

        Assert.Equal(3, _tally.NextSequence("q1"));
        Assert.Equal(2, _tally.NextSequence("q2"));
        Assert.Equal(1, _tally.NextSequence("q3"));
    }

    [Fact]
    public void A_ticket_restored_after_a_transfer_counts_in_the_series_of_its_prefix()
    {
        New(Waiting("A007", Nine, queueId: "q2") with { Status = TicketStatus.Transferred });

        Assert.Equal(8, _tally.NextSequence("q1"));
        Assert.Equal(1, _tally.NextSequence("q2"));
    }

    [Fact]
    public void Todays_numbers_are_found_and_other_days_tickets_are_not_counted()
    {
        var today = New(Waiting("A001", Nine));
        New(Waiting("A002", Nine.AddDays(-1), day: Day.AddDays(-1)));

        Assert.True(_tally.TryFind("A001", out var id));
        Assert.Equal(today.Id, id);
        Assert.False(_tally.TryFind("A002", out _));
        Assert.Equal(2, _tally.NextSequence("q1"));
        Assert.Equal(1, _tally.IssuedFor("s1"));
    }

    [Fact]
    public void Standing_tickets_count_per_service_and_person_a_voided_one_gives_its_place_back()
    {
        var taken = New(Waiting("A001", Nine) with { IdHash = "h1" });
        New(Waiting("A002", Nine) with { IdHash = "h2" });
        Assert.Equal(2, _tally.IssuedFor("s1"));
        Assert.Equal(1, _tally.IssuedTo("s1", "h1"));

        var called = taken with { Status = TicketStatus.Called };
        _tally.Count(taken, called); // a new version, still standing: counted once
        Assert.Equal(2, _tally.IssuedFor("s1"));

        var voided = called with { Status = TicketStatus.Voided };
        _tally.Count(called, voided);
        Assert.Equal(1, _tally.IssuedFor("s1"));
        Assert.Equal(0, _tally.IssuedTo("s1", "h1"));

        _tally.Count(voided, voided with { Status = TicketStatus.Waiting }); // reprinted
        Assert.Equal(2, _tally.IssuedFor("s1"));
        Assert.Equal(1, _tally.IssuedTo("s1", "h1"));
        Assert.Equal(0, _tally.IssuedTo("s2", "h1"));
    }

    [Fact]
    public void A_new_day_starts_from_nothing()
    {
        New(Waiting("A001", Nine) with { IdHash = "h1" });

        _tally.StartDay(Day.AddDays(1));

        Assert.Equal(Day.AddDays(1), _tally.Day);
        Assert.Equal(1, _tally.NextSequence("q1"));
        Assert.Equal(0, _tally.IssuedFor("s1"));
        Assert.Equal(0, _tally.IssuedTo("s1", "h1"));
        Assert.False(_tally.TryFind("A001", out _));
    }

    [Fact]
    public void Through_the_engine_daily_limits_reset_at_the_halls_midnight_not_at_utc_midnight()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 23, 59, 0, TimeSpan.FromHours(8)));
        var (engine, _, _) = TestHall.Start(TestHall.Small(), time);
        var citizen = TestHall.Protector.Protect("11010519491231002X"); // s3: one a day per person
        var command = new IssueTicketCommand("s3", "kiosk", Citizen: citizen);
        Assert.True(engine.Issue(command).IsOk);
        Assert.Equal(ErrorCodes.DailyLimit, engine.Issue(command).Error?.Code);

        time.Advance(TimeSpan.FromMinutes(2)); // 00:01 in Shanghai, 16:01 UTC of the 27th

        var next = engine.Issue(command);
        Assert.True(next.IsOk, next.Error?.Message);
        Assert.Equal("A001", next.Value!.Ticket.Number);
        Assert.Equal(new DateOnly(2026, 11, 28), next.Value.Ticket.ServiceDay);
    }

    [Fact]
    public void The_most_issued_services_come_most_first_without_voided_tickets_or_other_days()
    {
        New(Waiting("A001", Nine) with { ServiceId = "s3" });
        var voided = New(Waiting("A002", Nine) with { ServiceId = "s3" });
        _tally.Count(voided, voided with { Status = TicketStatus.Voided });
        New(Waiting("A003", Nine) with { ServiceId = "s1" });
        New(Waiting("A004", Nine) with { ServiceId = "s1" });
        New(Waiting("B001", Nine) with { ServiceId = "s2" });
        New(Waiting("B002", Nine, day: Day.AddDays(-1)) with { ServiceId = "s2" });

        Assert.Equal([new("s1", 2), new("s2", 1), new("s3", 1)], _tally.MostIssued(5));
        Assert.Equal([new KeyValuePair<string, int>("s1", 2)], _tally.MostIssued(1));
    }
}
