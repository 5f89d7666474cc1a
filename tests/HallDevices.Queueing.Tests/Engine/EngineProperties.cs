using CsCheck;
using HallDevices.Queueing.Engine;
using HallDevices.Queueing.Tickets;

namespace HallDevices.Queueing.Tests.Engine;

/// <summary>
/// Invariants of the engine under random days: random weights, random mixes of issue, call,
/// finish, skip, recall, transfer, reinstate, pause and time passing.
/// </summary>
public class EngineProperties
{
    private enum Op { Issue, IssuePriority, Call, Finish, Skip, Recall, TransferQueue, TransferCounter, Reinstate, Pause, Resume, Wait }

    private static readonly Gen<(Op Op, int A, int B)> Step =
        Gen.Select(Gen.Enum<Op>(), Gen.Int[0, 9], Gen.Int[0, 9]);

    private static readonly Gen<(int W1, int W2, int W3, List<(Op Op, int A, int B)> Steps)> Day =
        Gen.Select(Gen.Int[1, 9], Gen.Int[1, 9], Gen.Int[1, 9], Step.List[1, 300]);

    private static string HallJson(int w1, int w2, int w3) => TestHall.SmallHallJson
        .Replace("\"weight\": 3 }, { \"queue\": \"q2\", \"weight\": 1 }", $"\"weight\": {w1} }}, {{ \"queue\": \"q2\", \"weight\": {w2} }}", StringComparison.Ordinal)
        .Replace("[ { \"queue\": \"q2\", \"weight\": 1 } ]", $"[ {{ \"queue\": \"q2\", \"weight\": {w3} }} ]", StringComparison.Ordinal);

    private static (HallEngine Engine, MemoryJournal Journal) Play(int w1, int w2, int w3, List<(Op Op, int A, int B)> steps)
    {
        var (engine, journal, time) = TestHall.Start(TestHall.Parse(HallJson(w1, w2, w3)));
        string[] counters = ["c1", "c2", "f"];
        string[] services = ["s1", "s2"];
        string[] queues = ["q1", "q2"];
        foreach (var c in counters)
        {
            engine.Login(c, "staff-" + c);
        }

        foreach (var (op, a, b) in steps)
        {
            var counter = counters[a % counters.Length];
            switch (op)
            {
                case Op.Issue: engine.Issue(new IssueTicketCommand(services[a % 2], "kiosk")); break;
                case Op.IssuePriority: engine.Issue(new IssueTicketCommand("s2", "kiosk", Priority: b % 2 == 0 ? TicketPriority.Appointment : TicketPriority.GreenChannel)); break;
                case Op.Call: engine.CallNext(counter); break;
                case Op.Finish: engine.Finish(counter); break;
                case Op.Skip: engine.Skip(counter); break;
                case Op.Recall: engine.Recall(counter); break;
                case Op.TransferQueue: engine.Transfer(counter, queues[b % 2], null); break;
                case Op.TransferCounter: engine.Transfer(counter, null, counters[b % counters.Length]); break;
                case Op.Reinstate:
                    var skipped = journal.Events.OfType<TicketSkipped>().LastOrDefault();
                    if (skipped is not null)
                    {
                        engine.Reinstate(skipped.Number);
                    }

                    break;
                case Op.Pause: engine.Pause(counter); break;
                case Op.Resume: engine.Resume(counter); break;
                case Op.Wait: time.Advance(TimeSpan.FromSeconds((a * 60) + b)); break;
            }
        }

        // Drain: every counter open, calling until nobody waits; time keeps passing.
        foreach (var c in counters)
        {
            engine.Resume(c);
        }

        for (var round = 0; round < 10_000; round++)
        {
            var any = false;
            foreach (var c in counters)
            {
                time.Advance(TimeSpan.FromSeconds(30));
                any |= engine.CallNext(c).Value is not null;
            }

            if (!any)
            {
                break;
            }
        }

        return (engine, journal);
    }

    [Fact]
    public void No_ticket_is_called_twice_unless_it_came_back_by_transfer_or_reinstatement()
    {
        Day.Sample(day =>
        {
            var (_, journal) = Play(day.W1, day.W2, day.W3, day.Steps);
            var events = journal.Events.ToList();
            foreach (var group in events.OfType<TicketCalled>().GroupBy(e => e.TicketId))
            {
                var returns = events.Count(e => e.Sequence < group.Last().Sequence && e is TicketTransferred or TicketReinstated && ((TicketEvent)e).TicketId == group.Key);
                Assert.True(group.Count() <= returns + 1, $"{group.Key} called {group.Count()} times with {returns} returns");
            }
        }, iter: 200);
    }

    [Fact]
    public void Within_a_queue_and_priority_class_ordinary_tickets_are_called_first_in_first_out()
    {
        Day.Sample(day =>
        {
            var (_, journal) = Play(day.W1, day.W2, day.W3, day.Steps);
            var events = journal.Events.ToList();
            var disturbed = events.OfType<TicketEvent>().Where(e => e is TicketTransferred or TicketReinstated or TicketSkipped).Select(e => e.TicketId).ToHashSet();
            var issued = events.OfType<TicketIssued>().ToDictionary(e => e.TicketId);
            var firstCalls = events.OfType<TicketCalled>().Where(c => !disturbed.Contains(c.TicketId)).ToList();
            foreach (var queue in firstCalls.GroupBy(c => (c.QueueId, issued[c.TicketId].Priority)))
            {
                var order = queue.Select(c => issued[c.TicketId].Sequence).ToList();
                var sorted = order.Order().ToList();
                Assert.Equal(sorted, order);
            }
        }, iter: 200);
    }

    [Fact]
    public void Every_waiting_ticket_is_called_eventually_under_any_weights()
    {
        Day.Sample(day =>
        {
            var (engine, journal) = Play(day.W1, day.W2, day.W3, day.Steps);
            Assert.All(engine.Queues(), q => Assert.Equal(0, q.Waiting));
            var events = journal.Events.ToList();
            var called = events.OfType<TicketCalled>().Select(e => e.TicketId).ToHashSet();
            var voided = events.OfType<TicketVoided>().Select(e => e.TicketId).ToHashSet();
            Assert.All(events.OfType<TicketIssued>(), i => Assert.True(called.Contains(i.TicketId) || voided.Contains(i.TicketId), $"{i.Number} never called"));
        }, iter: 200);
    }

    [Fact]
    public void Event_sequence_numbers_are_gapless_and_increasing()
    {
        Day.Sample(day =>
        {
            var (_, journal) = Play(day.W1, day.W2, day.W3, day.Steps);
            var seq = journal.Events.Select(e => e.Sequence).ToList();
            Assert.Equal(Enumerable.Range(1, seq.Count).Select(i => (long)i), seq);
        }, iter: 100);
    }
}
