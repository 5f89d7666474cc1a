using static HallDevices.Reporting.Tests.TestHalls;

namespace HallDevices.Reporting.Tests;

/// <summary>Waits, handling, percentiles, outcomes and hours, computed by hand.</summary>
public class HallReportFiguresTests
{
    private const int Precision = 9;

    /// <summary>Ten tickets with waits 3,1,4,1,5,9,2,6,5,3 and handling 2,7,1,8,2,8,1,8,2,8 minutes.</summary>
    private static EventLog TenTickets()
    {
        double[] waits = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3];
        double[] handling = [2, 7, 1, 8, 2, 8, 1, 8, 2, 8];
        var log = Log();
        for (var i = 0; i < 10; i++)
        {
            log.Served($"09:{i:00}", $"A{i + 1:000}", waits[i], handling[i]);
        }

        return log;
    }

    [Fact]
    public void Waits_and_handling_are_means_and_nearest_rank_percentiles_of_the_tickets()
    {
        var r = Day(TenTickets());

        // waits sorted: 1 1 2 3 3 4 5 5 6 9 → mean 39/10 = 3.9; p50 = ⌈0.5·10⌉ = 5th = 3; p90 = 9th = 6; max 9.
        // handling sorted: 1 1 2 2 2 7 8 8 8 8 → mean 47/10 = 4.7; p90 = 9th = 8.
        var f = r.Total;
        Assert.Equal(10, f.Issued);
        Assert.Equal(10, f.Served);
        Assert.Equal(3.9, f.WaitMean!.Value, Precision);
        Assert.Equal(3, f.WaitP50);
        Assert.Equal(6, f.WaitP90);
        Assert.Equal(9, f.WaitMax);
        Assert.Equal(4.7, f.HandlingMean!.Value, Precision);
        Assert.Equal(8, f.HandlingP90);

        // Service level 4 min: waits ≤ 4 are 3,1,4,1,2,3 → 6 of 10.
        Assert.Equal(0.6, f.ServiceLevelShare!.Value, Precision);
        Assert.Equal(6, f.WithinServiceLevel);
    }

    [Fact]
    public void Wait_distribution_counts_each_wait_in_its_lower_inclusive_bucket()
    {
        var r = Day(TenTickets());

        // 0-5: 3,1,4,1,2,3 (6); 5-10: 5,9,6,5 (4: a wait of exactly 5 is in 5-10); the rest 0.
        Assert.Equal(["0-5", "5-10", "10-15", "15-20", "20-30", "30-45", "45-60", "60+"], r.WaitBuckets.Select(b => b.Label));
        Assert.Equal([6, 4, 0, 0, 0, 0, 0, 0], r.WaitBuckets.Select(b => b.Count));
    }

    [Fact]
    public void Hours_count_issues_and_finishes_in_the_halls_local_hour()
    {
        var log = Log()
            .Served("08:50", "A001", 5, 10)  // issued 08, finished 09:05 → 09
            .Served("09:10", "A002", 30, 30) // issued 09, finished 10:10 → 10
            .Served("09:59", "A003", 1, 1);  // issued 09, finished 10:01 → 10
        var r = Day(log);

        Assert.Equal(24, r.Hourly.Count);
        Assert.Equal(1, r.Hourly[8].Arrivals);
        Assert.Equal(2, r.Hourly[9].Arrivals);
        Assert.Equal(0, r.Hourly[8].Served);
        Assert.Equal(1, r.Hourly[9].Served);
        Assert.Equal(2, r.Hourly[10].Served);
        Assert.Equal(3, r.Hourly.Sum(h => h.Arrivals));
    }

    [Fact]
    public void Percentile_rank_is_computed_in_integers_so_the_90th_of_30_is_the_27th()
    {
        // 0.9 × 30 in floating point is 27.000000000000004, whose ceiling would wrongly be 28.
        var values = Enumerable.Range(1, 30).Select(i => (double)i).ToArray();

        Assert.Equal(27, Percentiles.NearestRank(values, 90));
        Assert.Equal(15, Percentiles.NearestRank(values, 50));
        Assert.Equal(1, Percentiles.NearestRank([1.0], 90));
        Assert.Null(Percentiles.NearestRank([], 50));
    }

    [Fact]
    public void Percentiles_by_selection_match_the_sorted_nearest_rank_on_shuffled_values_with_repeats()
    {
        var random = new Random(15);
        for (var n = 1; n <= 200; n++)
        {
            var values = Enumerable.Range(0, n).Select(_ => (double)random.Next(0, 20)).ToArray();
            var sorted = values.Order().ToArray();
            foreach (var p in new[] { 50, 90 })
            {
                // ⌈p·n/100⌉-th smallest, counted by hand from the sorted copy.
                var rank = (int)Math.Ceiling(p * n / 100m);
                Assert.Equal(sorted[rank - 1], Percentiles.NearestRank(values, p));
            }
        }
    }

    [Fact]
    public void A_ticket_called_at_2355_and_finished_at_0010_counts_for_its_issue_day()
    {
        var log = Log()
            .Issue("23:50", "A001")
            .Call("23:55", "A001")
            .OnDay(Nov4)
            .Finish("00:10", "A001")
            .Issue("00:05", "A001"); // the next day's A001: a different ticket, of Nov 4
        var nov3 = Day(log, Nov3);
        var nov4 = Day(log, Nov4);

        // Nov 3: issued 1, served 1, wait 23:50→23:55 = 5, handling 23:55→00:10 = 15; finished in hour 0.
        Assert.Equal(1, nov3.Total.Issued);
        Assert.Equal(1, nov3.Total.Served);
        Assert.Equal(5, nov3.Total.WaitMean);
        Assert.Equal(15, nov3.Total.HandlingMean!.Value, Precision);
        Assert.Equal(1, nov3.Hourly[23].Arrivals);
        Assert.Equal(1, nov3.Hourly[0].Served);

        // Nov 4: only its own A001, issued and still waiting.
        Assert.Equal(1, nov4.Total.Issued);
        Assert.Equal(0, nov4.Total.Served);
        Assert.Null(nov4.Total.WaitMean);
    }

    [Fact]
    public void A_transfer_splits_handling_across_the_two_counters_and_the_wait_ends_at_the_first_call()
    {
        var log = Log()
            .Issue("09:00", "A001")
            .Call("09:06", "A001", "c1", "s01")
            .Transfer("09:10", "A001", "c1", toQueue: "q2")
            .Call("09:20", "A001", "c2", "s02")
            .Finish("09:32", "A001", "c2", "s02");
        var r = Day(log);

        // Wait 09:00→09:06 = 6 (not until 09:20). Handling 4 at c1 + 12 at c2 = 16.
        Assert.Equal(6, r.Total.WaitMean);
        Assert.Equal(16, r.Total.HandlingMean!.Value, Precision);
        Assert.Equal(1, r.Total.Served);

        var c1 = Group(r.ByCounter, "c1").Figures;
        var c2 = Group(r.ByCounter, "c2").Figures;
        Assert.Equal(6, c1.WaitMean);          // first called at c1
        Assert.Equal(4, c1.HandlingMean!.Value, Precision);
        Assert.Equal(0, c1.Served);
        Assert.Null(c2.WaitMean);              // not first called at c2
        Assert.Equal(12, c2.HandlingMean!.Value, Precision);
        Assert.Equal(1, c2.Served);
        Assert.Equal(4, Group(r.ByStaff, "s01").Figures.HandlingMean!.Value, Precision);
        Assert.Equal(12, Group(r.ByStaff, "s02").Figures.HandlingMean!.Value, Precision);

        // The whole ticket counts where it was issued: queue q1, not q2.
        Assert.Equal(1, Group(r.ByQueue, "q1").Figures.Served);
        Assert.Equal(16, Group(r.ByQueue, "q1").Figures.HandlingMean!.Value, Precision);
        Assert.Equal(0, Group(r.ByQueue, "q2").Figures.Issued);
        Assert.Equal(0, Group(r.ByQueue, "q2").Figures.Served);
    }

    [Fact]
    public void Recalls_change_no_figure()
    {
        var plain = Log().Issue("09:00", "A001").Call("09:05", "A001").Finish("09:15", "A001");
        var recalled = Log().Issue("09:00", "A001").Call("09:05", "A001").Recall("09:06", "A001").Recall("09:07", "A001").Finish("09:15", "A001");

        var a = Day(plain).Total;
        var b = Day(recalled).Total;

        // Wait 5, handling 10 either way.
        Assert.Equal(a, b);
        Assert.Equal(5, b.WaitMean);
        Assert.Equal(10, b.HandlingMean!.Value, Precision);
    }

    [Fact]
    public void A_no_show_reinstated_and_then_served_is_served_not_a_no_show_and_its_skipped_call_is_not_handling()
    {
        var log = Log()
            .Issue("09:00", "A001")
            .Issue("09:01", "A002")
            .Call("09:10", "A001", "c1")
            .Skip("09:12", "A001", "c1")
            .Call("09:11", "A002", "f", "s03")
            .Skip("09:13", "A002", "f")
            .Reinstate("09:20", "A001")
            .Call("09:30", "A001", "c1")
            .Finish("09:40", "A001", "c1");
        var r = Day(log);

        // A001: served, wait 10 (to its first call), handling 09:30→09:40 = 10 (09:10→09:12 ended in a skip).
        // A002: skipped and never back: the one no-show, at counter f.
        Assert.Equal(1, r.Total.Served);
        Assert.Equal(1, r.Total.NoShows);
        Assert.Equal(10, r.Total.HandlingMean!.Value, Precision);
        Assert.Equal((10 + 10) / 2.0, r.Total.WaitMean!.Value, Precision);
        Assert.Equal(1, Group(r.ByCounter, "f").Figures.NoShows);
        Assert.Equal(0, Group(r.ByCounter, "c1").Figures.NoShows);
        Assert.Equal(1, Group(r.ByStaff, "s03").Figures.NoShows);
    }

    [Fact]
    public void A_voided_ticket_counts_as_voided_unless_it_was_reprinted_and_served()
    {
        var log = Log()
            .Issue("09:00", "A001").Void("09:00:05", "A001", "print-failed")
            .Issue("09:01", "A002").Void("09:01:05", "A002", "print-failed").Reinstate("09:02", "A002")
            .Call("09:03", "A002").Finish("09:05", "A002");
        var r = Day(log);

        Assert.Equal(2, r.Total.Issued);
        Assert.Equal(1, r.Total.Voided);
        Assert.Equal(1, r.Total.Served);
    }

    [Fact]
    public void Tickets_issued_outside_the_period_and_events_after_as_of_are_not_counted()
    {
        var log = Log(new DateOnly(2026, 11, 2))
            .Served("23:00", "A001", 5, 5)           // issued the day before
            .OnDay(Nov3)
            .Served("09:00", "A001", 2, 3)
            .Served("10:00", "A002", 2, 3);          // finished 10:05, after as-of 10:03
        var r = Day(log, asOf: log.Time("10:03"));

        // Nov 3: A001 and A002 issued; A002 called at 10:02 (wait 2) but its finish is after as-of.
        Assert.Equal(2, r.Total.Issued);
        Assert.Equal(1, r.Total.Served);
        Assert.Equal(2, r.Total.Waited);
    }

    [Fact]
    public void Groups_follow_the_hall_catalogue_and_carry_its_names()
    {
        var r = Day(Log().Served("09:00", "A001", 1, 1, counter: "c9"));

        Assert.Equal(["q1", "q2"], r.ByQueue.Select(g => g.Key));
        Assert.Equal(["s1", "s2", "s3"], r.ByService.Select(g => g.Key));
        Assert.Equal("事项一", r.ByService[0].Name);

        // A counter the hall file no longer has is listed after the catalogue's, under its id.
        Assert.Equal(["c1", "c2", "f", "c9"], r.ByCounter.Select(g => g.Key));
        Assert.Equal("c9", r.ByCounter[^1].Name);
        Assert.Equal(1, r.ByCounter[^1].Figures.Served);
    }
}
