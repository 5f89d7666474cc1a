using System.Collections.Concurrent;
using HallDevices.Queueing.Engine;
using HallDevices.Queueing.Tickets;

namespace HallDevices.Queueing.Tests.Engine;

public class ConcurrencyTests
{
    [Fact]
    public async Task Many_counters_calling_at_once_never_get_the_same_ticket()
    {
        var (engine, journal, _) = TestHall.Start(TestHall.Sample(), new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow));
        var services = engine.Hall.Services.Where(s => !s.NeedsIdCard && s.DailyCapacity is null).Select(s => s.Id).ToArray();
        var counters = engine.Hall.Counters.Select(c => c.Id).ToArray();
        foreach (var c in counters)
        {
            Assert.True(engine.Login(c, "staff-" + c).IsOk);
        }

        const int tickets = 6000;

        // Half the day is already waiting when the windows open, so every counter that serves these
        // queues has work from the first instant and the race between callers is real.
        for (var i = 0; i < tickets / 2; i++)
        {
            Assert.True(engine.Issue(new IssueTicketCommand(services[i % services.Length], "kiosk", "k-early")).IsOk);
        }

        var called = new ConcurrentBag<(string Counter, string TicketId)>();
        using var start = new Barrier(counters.Length + 2);

        // Two kiosks issue while every counter calls: the race is between callers, and between
        // callers and issuers, exactly as in a busy hall.
        var issuers = Enumerable.Range(0, 2).Select(k => Task.Run(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < tickets / 4; i++)
            {
                Assert.True(engine.Issue(new IssueTicketCommand(services[i % services.Length], "kiosk", $"k{k}")).IsOk);
            }
        })).ToArray();
        var callers = counters.Select(c => Task.Run(() =>
        {
            start.SignalAndWait();
            var idle = 0;
            while (idle < 200)
            {
                var next = engine.CallNext(c);
                Assert.True(next.IsOk, next.Error?.Message);
                if (next.Value is { } t)
                {
                    called.Add((c, t.Id));
                    idle = 0;
                }
                else
                {
                    idle++;
                    Thread.Yield();
                }
            }
        })).ToArray();

        await Task.WhenAll(issuers.Concat(callers));
        // Anything issued after the callers gave up is drained by one counter.
        while (engine.CallNext(counters[^1]).Value is { } rest)
        {
            called.Add((counters[^1], rest.Id));
        }

        var ids = called.Select(c => c.TicketId).ToList();
        Assert.Equal(tickets, ids.Count);
        Assert.Equal(tickets, ids.Distinct().Count());
        Assert.Equal(tickets, journal.Events.OfType<TicketCalled>().Select(e => e.TicketId).Distinct().Count());
        Assert.True(called.Select(c => c.Counter).Distinct().Count() > 1, "the calls should have been spread over counters");
    }
}
