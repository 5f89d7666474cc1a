using HallDevices.Queueing.Engine;
using HallDevices.Queueing.Halls;
using HallDevices.Queueing.Tickets;
using static HallDevices.Queueing.Tests.Engine.TestTickets;

namespace HallDevices.Queueing.Tests.Engine;

/// <summary>
/// The wait told to citizens, on the small hall: q2 gets 1/4 of c1's attention (weights 3 and 1), all
/// of c2's, and 1/2 of the fallback window's; the default handling time is 5 minutes.
/// </summary>
public class WaitEstimatorTests
{
    private readonly HallDefinition _hall = TestHall.Small();
    private readonly WaitingIndex _waiting = new();
    private readonly Dictionary<string, CounterState> _counters = new(StringComparer.Ordinal);
    private readonly WaitEstimator _estimator;

    public WaitEstimatorTests()
    {
        foreach (var c in _hall.Counters)
        {
            _counters[c.Id] = new CounterState(c.Id, CounterStatus.Closed, null, null, null, Nine);
        }

        _estimator = new WaitEstimator(_hall, _waiting, _counters);
    }

    private void Open(string counterId, CounterStatus status = CounterStatus.Idle) =>
        _counters[counterId] = _counters[counterId] with { Status = status, StaffId = "s-" + counterId };

    private static Ticket Finished(string number, TimeSpan handled) =>
        Waiting(number, Nine) with { Status = TicketStatus.Finished, CalledAt = Nine, FinishedAt = Nine + handled };

    [Fact]
    public void Nobody_ahead_means_no_wait()
    {
        Assert.Equal(0, _estimator.EstimateMinutes("q2", 0));
    }

    [Fact]
    public void Each_person_ahead_costs_the_default_handling_time_over_the_open_counters_share()
    {
        Open("c2");
        Assert.Equal(10, _estimator.EstimateMinutes("q2", 2)); // 2 × 5 min ÷ 1

        Open("c1", CounterStatus.Serving);
        Assert.Equal(8, _estimator.EstimateMinutes("q2", 2)); // 2 × 5 min ÷ (1 + 1/4)
    }

    [Fact]
    public void A_paused_counter_does_not_count_as_open()
    {
        Open("c2", CounterStatus.Paused);
        Open("f");

        Assert.Equal(20, _estimator.EstimateMinutes("q2", 2)); // 2 × 5 min ÷ 1/2
    }

    [Fact]
    public void With_no_counter_open_every_counter_is_assumed()
    {
        Assert.Equal(20, _estimator.EstimateMinutes("q2", 7)); // 7 × 5 min ÷ (1/4 + 1 + 1/2)
    }

    [Fact]
    public void Handling_time_is_the_mean_of_the_last_twenty_finished_tickets()
    {
        Assert.Equal(300, _estimator.MeanHandlingSeconds("q2"));

        _estimator.Observe(null, Finished("B001", TimeSpan.FromMinutes(10)));
        Assert.Equal(600, _estimator.MeanHandlingSeconds("q2"));

        for (var i = 0; i < WaitEstimator.HandlingSamples; i++)
        {
            _estimator.Observe(null, Finished($"B{i + 2:D3}", TimeSpan.FromMinutes(2)));
        }

        Assert.Equal(120, _estimator.MeanHandlingSeconds("q2"));
        Assert.Equal(300, _estimator.MeanHandlingSeconds("q1"));
        Open("c2");
        Assert.Equal(4, _estimator.EstimateMinutes("q2", 2));
    }

    [Fact]
    public void Only_the_first_finished_version_of_a_ticket_is_learnt()
    {
        var done = Finished("B001", TimeSpan.FromMinutes(1));
        _estimator.Observe(Waiting("B001", Nine) with { Status = TicketStatus.Called, CalledAt = Nine }, done);

        _estimator.Observe(done, done with { Score = 5 }); // rated afterwards: no second sample
        _estimator.Observe(null, Waiting("B002", Nine) with { Status = TicketStatus.Finished, FinishedAt = Nine }); // never called
        _estimator.Observe(null, Waiting("B003", Nine) with { Status = TicketStatus.NoShow, CalledAt = Nine, FinishedAt = Nine.AddHours(1) });

        Assert.Equal(60, _estimator.MeanHandlingSeconds("q2"));
    }

    [Fact]
    public void A_new_ordinary_ticket_has_everything_waiting_in_its_queue_ahead_of_it()
    {
        _waiting.Add(Waiting("B001", Nine));
        _waiting.Add(Waiting("B002", Nine.AddMinutes(1), TicketPriority.Appointment));
        _waiting.Add(Waiting("B003", Nine.AddMinutes(2)) with { Status = TicketStatus.Transferred, TargetCounterId = "c2", TransferredAt = Nine });
        _waiting.Add(Waiting("A001", Nine));

        Assert.Equal(3, _estimator.AheadOfNew(Waiting("B004", Nine.AddMinutes(3))));
    }

    [Fact]
    public void A_new_priority_ticket_goes_before_ordinary_ones()
    {
        _waiting.Add(Waiting("B001", Nine));
        _waiting.Add(Waiting("B002", Nine));
        Assert.Equal(0, _estimator.AheadOfNew(Waiting("B003", Nine, TicketPriority.Appointment)));

        _waiting.Add(Waiting("B003", Nine, TicketPriority.Appointment));
        Assert.Equal(1, _estimator.AheadOfNew(Waiting("B004", Nine, TicketPriority.Appointment)));
    }
}
