using HallDevices.Queueing.Engine;
using HallDevices.Queueing.Halls;
using HallDevices.Queueing.Tickets;
using Microsoft.Extensions.Time.Testing;

namespace HallDevices.Queueing.Tests;

/// <summary>
/// The small hall with a rating window, two reasons and a calendar whose week after 2026-11-27
/// (a Friday) has a holiday on Tuesday 1 December and a worked Saturday on 5 December (调休).
/// </summary>
public static class RatedHall
{
    public static HallDefinition Definition(int windowMinutes = 30) => TestHall.Parse(TestHall.SmallHallJson.Replace(
        "\"id\": \"small\",",
        $$"""
        "id": "small",
        "evaluation": { "windowMinutes": {{windowMinutes}}, "followUpWorkingDays": 5,
          "reasons": [ { "id": "long-wait", "name": "等候时间过长", "nameEn": "Waited too long" },
                       { "id": "attitude", "name": "服务态度不好", "nameEn": "Unfriendly service" } ] },
        "calendar": { "holidays": [ "2026-12-01" ], "workdays": [ "2026-12-05" ] },
        """,
        StringComparison.Ordinal));

    public static (HallEngine Engine, MemoryJournal Journal, FakeTimeProvider Time) Start(int windowMinutes = 30, FakeTimeProvider? time = null)
    {
        var (engine, journal, clock) = TestHall.Start(Definition(windowMinutes), time);
        Assert.True(engine.Login("c1", "s01").IsOk);
        Assert.True(engine.Login("c2", "s02").IsOk);
        return (engine, journal, clock);
    }

    /// <summary>Issues a ticket of queue q1 (with a tracking token), calls it at c1 and finishes it there.</summary>
    public static Ticket Served(HallEngine engine, string? token = null)
    {
        var issued = engine.Issue(new IssueTicketCommand("s1", "kiosk", Token: token ?? Guid.NewGuid().ToString("N")));
        Assert.True(issued.IsOk, issued.Error?.Message);
        var called = engine.CallNext("c1");
        Assert.Equal(issued.Value!.Ticket.Id, called.Value?.Id);
        Assert.True(engine.Finish("c1").IsOk);
        return engine.FindByToken(issued.Value.Ticket.Token!)!;
    }

    /// <summary>A bad rating of a served ticket at c1; returns its follow-up case id.</summary>
    public static string RatedBadly(HallEngine engine, int score = 1)
    {
        var t = Served(engine);
        var rated = engine.Evaluate(EvaluateCommand.AtCounter(t.Number, "c1", score));
        Assert.True(rated.IsOk, rated.Error?.Message);
        return rated.Value!.FollowUp!.TicketId;
    }
}
