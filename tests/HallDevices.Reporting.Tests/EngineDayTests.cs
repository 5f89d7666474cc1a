using HallDevices.Queueing.Engine;
using HallDevices.Queueing.Tickets;
using Microsoft.Extensions.Time.Testing;
using static HallDevices.Reporting.Tests.TestHalls;

namespace HallDevices.Reporting.Tests;

/// <summary>A day run through the real engine, its log reported, the figures worked out by hand.</summary>
public class EngineDayTests
{
    private const int Precision = 9;

    /// <summary>The journal as the engine sees it: every committed change in order, in memory.</summary>
    private sealed class MemoryJournal : IHallJournal
    {
        public List<HallEvent> Events { get; } = [];

        public void Commit(HallChange change) => Events.AddRange(change.Events);
    }

    [Fact]
    public void A_day_of_the_real_engine_with_a_recall_a_skip_a_reinstatement_and_a_transfer_reports_the_hand_figures()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 3, 9, 0, 0, TimeSpan.FromHours(8)));
        var journal = new MemoryJournal();
        var engine = HallEngine.Restore(Hall(), journal, time, HallSnapshot.Empty);
        void At(int hour, int minute) => time.SetUtcNow(new DateTimeOffset(2026, 11, 3, hour, minute, 0, TimeSpan.FromHours(8)));
        void Ok<T>(Outcome<T> o) => Assert.True(o.IsOk, o.Error?.Message);

        Ok(engine.Login("c1", "s01"));
        Ok(engine.Login("c2", "s02"));
        Ok(engine.Issue(new IssueTicketCommand("s1", "kiosk")));          // A001 09:00
        At(9, 2);
        Ok(engine.Issue(new IssueTicketCommand("s1", "kiosk")));          // A002 09:02
        At(9, 5);
        Ok(engine.CallNext("c1"));                                        // A001 called: wait 5
        At(9, 12);
        Ok(engine.Finish("c1"));                                          // handling 7
        At(9, 13);
        Ok(engine.Evaluate(EvaluateCommand.AtCounter("A001", "c1", 5)));
        Ok(engine.CallNext("c1"));                                        // A002 called: wait 11
        At(9, 14);
        Ok(engine.Recall("c1"));
        At(9, 20);
        Ok(engine.Skip("c1"));                                            // 09:13→09:20 is not handling
        At(9, 25);
        Ok(engine.Reinstate("A002"));
        At(9, 26);
        Ok(engine.CallNext("c1"));                                        // A002 again at c1
        At(9, 30);
        Ok(engine.Transfer("c1", "q2", null));                            // 4 at c1
        At(9, 31);
        Ok(engine.CallNext("c2"));                                        // A002 at c2
        At(9, 40);
        Ok(engine.Finish("c2"));                                          // 9 at c2
        At(12, 0);
        Ok(engine.Logout("c1"));
        Ok(engine.Logout("c2"));

        var r = HallReports.Build(Hall(), ReportPeriod.Day(Nov3), journal.Events, NextNoon(Nov3), ReportTargets.Default);

        // Issued 2, served 2, no no-show. Waits 5 and 11 → mean 8, p90 = 2nd = 11.
        // Handling A001 7, A002 4 + 9 = 13 → mean 10. Service level 4 min: neither → 0.
        // Rated 1 of 2 (a 5): 评价率 50%, 好评率 100%.
        var f = r.Total;
        Assert.Equal((2, 2, 0, 0), (f.Issued, f.Served, f.NoShows, f.Voided));
        Assert.Equal(8, f.WaitMean!.Value, Precision);
        Assert.Equal(11, f.WaitP90!.Value, Precision);
        Assert.Equal(10, f.HandlingMean!.Value, Precision);
        Assert.Equal(13, f.HandlingP90!.Value, Precision);
        Assert.Equal(0, f.ServiceLevelShare);
        Assert.Equal((1, 1, 0.5, 1.0), (f.Rated, f.Unrated, f.EvaluationRate, f.GoodRate));

        // c1: both first called there (waits 5, 11), calls ended there by a finish (7) and a transfer (4): mean 5.5; served 1.
        // c2: handling 9, served 1, no wait of its own.
        var c1 = Group(r.ByCounter, "c1").Figures;
        Assert.Equal(8, c1.WaitMean!.Value, Precision);
        Assert.Equal(5.5, c1.HandlingMean!.Value, Precision);
        Assert.Equal((1, 1), (c1.Served, c1.Rated));
        var c2 = Group(r.ByCounter, "c2").Figures;
        Assert.Equal(9, c2.HandlingMean!.Value, Precision);
        Assert.Equal((1, 0, 1), (c2.Served, c2.Rated, c2.Unrated));

        // Both signed in 09:00→12:00.
        Assert.All(r.Attendance, a => Assert.Equal(180, a.SignedInMinutes, Precision));
        Assert.Equal(["s01", "s02"], r.Attendance.Select(a => a.StaffId));
    }
}
