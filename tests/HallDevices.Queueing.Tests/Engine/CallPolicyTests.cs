using HallDevices.Queueing.Engine;
using HallDevices.Queueing.Halls;
using HallDevices.Queueing.Tickets;
using static HallDevices.Queueing.Tests.Engine.TestTickets;

namespace HallDevices.Queueing.Tests.Engine;

/// <summary>
/// The call order on its own, on the small hall: c1 serves q1 (weight 3) and q2 (weight 1), c2 serves
/// q2, f is the fallback window; the service-level wait is 30 minutes.
/// </summary>
public class CallPolicyTests
{
    private readonly HallDefinition _hall = TestHall.Small();
    private readonly WaitingIndex _waiting = new();

    private Ticket? Next(string counterId, DateTimeOffset now) =>
        new CallPolicy(_hall, _waiting).SelectNext(_hall.FindCounter(counterId)!, now);

    private Ticket Add(Ticket t)
    {
        _waiting.Add(t);
        return t;
    }

    [Fact]
    public void Nobody_waiting_gives_nothing()
    {
        Assert.Null(Next("c1", Nine));
    }

    [Fact]
    public void A_ticket_transferred_to_the_counter_comes_before_priority_and_overdue_tickets()
    {
        Add(Waiting("B001", Nine.AddHours(-2), TicketPriority.GreenChannel));
        Add(Waiting("A001", Nine.AddHours(-1)));
        var transferred = Add(Waiting("A002", Nine) with { Status = TicketStatus.Transferred, TargetCounterId = "c1", TransferredAt = Nine });

        Assert.Same(transferred, Next("c1", Nine));
    }

    [Fact]
    public void Transfers_to_a_counter_are_called_in_the_order_they_were_transferred()
    {
        var second = Add(Waiting("A001", Nine.AddMinutes(-10)) with { Status = TicketStatus.Transferred, TargetCounterId = "c2", TransferredAt = Nine.AddMinutes(2) });
        var first = Add(Waiting("A002", Nine.AddMinutes(-5)) with { Status = TicketStatus.Transferred, TargetCounterId = "c2", TransferredAt = Nine.AddMinutes(1) });

        Assert.Same(first, Next("c2", Nine.AddMinutes(3)));
        _waiting.Remove(first);
        Assert.Same(second, Next("c2", Nine.AddMinutes(3)));
    }

    [Fact]
    public void A_ticket_transferred_to_another_counter_is_not_called_here()
    {
        Add(Waiting("B001", Nine) with { Status = TicketStatus.Transferred, TargetCounterId = "c2", TransferredAt = Nine });

        Assert.Null(Next("c1", Nine.AddMinutes(1)));
    }

    [Fact]
    public void Priority_tickets_come_before_older_ordinary_ones_and_a_higher_class_before_an_older_lower_one()
    {
        Add(Waiting("A001", Nine.AddMinutes(-50))); // overdue, weight 3: still after any priority ticket
        var appointment = Add(Waiting("B001", Nine.AddMinutes(-10), TicketPriority.Appointment));
        var green = Add(Waiting("B002", Nine.AddMinutes(-1), TicketPriority.GreenChannel));

        Assert.Same(green, Next("c1", Nine));
        _waiting.Remove(green);
        Assert.Same(appointment, Next("c1", Nine));
    }

    [Fact]
    public void Among_priority_tickets_of_one_class_in_different_queues_the_older_goes_first()
    {
        var older = Add(Waiting("B001", Nine.AddMinutes(-2), TicketPriority.Appointment));
        Add(Waiting("A001", Nine.AddMinutes(-1), TicketPriority.Appointment));

        Assert.Same(older, Next("c1", Nine));
    }

    [Fact]
    public void The_head_with_the_highest_weight_times_waiting_time_is_called()
    {
        var a = Add(Waiting("A001", Nine.AddMinutes(-1)));
        var b = Add(Waiting("B001", Nine.AddMinutes(-5)));

        // q1: 3 × 1 min = 3; q2: 1 × 5 min = 5.
        Assert.Same(b, Next("c1", Nine));

        // Two minutes later without b: q1 3 × 3 = 9 against a newer q2 head, 1 × 1 = 1.
        _waiting.Remove(b);
        Add(Waiting("B002", Nine.AddMinutes(1)));
        Assert.Same(a, Next("c1", Nine.AddMinutes(2)));
    }

    [Fact]
    public void Equal_scores_go_to_the_older_ticket()
    {
        Add(Waiting("A001", Nine.AddMinutes(-1))); // 3 × 60 s = 180
        var older = Add(Waiting("B001", Nine.AddMinutes(-3))); // 1 × 180 s = 180

        Assert.Same(older, Next("c1", Nine));
    }

    [Fact]
    public void A_head_past_the_service_level_wait_goes_before_a_higher_score_and_the_oldest_overdue_first()
    {
        Add(Waiting("A001", Nine.AddMinutes(-29))); // 3 × 29 = 87, not overdue
        var overdue = Add(Waiting("B001", Nine.AddMinutes(-31))); // 1 × 31 = 31, overdue

        Assert.Same(overdue, Next("c1", Nine));

        var older = Add(Waiting("A000", Nine.AddMinutes(-40)));
        Assert.Same(older, Next("c1", Nine));
    }

    [Fact]
    public void Exactly_the_service_level_wait_counts_as_overdue()
    {
        Add(Waiting("A001", Nine.AddMinutes(-29)));
        var due = Add(Waiting("B001", Nine.AddMinutes(-30)));

        Assert.Same(due, Next("c1", Nine));
    }

    [Fact]
    public void The_fallback_window_serves_every_queue_and_a_category_counter_only_its_own()
    {
        var a = Add(Waiting("A001", Nine.AddMinutes(-2)));
        var b = Add(Waiting("B001", Nine.AddMinutes(-1)));

        Assert.Same(a, Next("f", Nine)); // weight 1 each: the longer wait
        Assert.Same(b, Next("c2", Nine)); // c2 serves q2 only
        _waiting.Remove(b);
        Assert.Null(Next("c2", Nine));
    }
}
