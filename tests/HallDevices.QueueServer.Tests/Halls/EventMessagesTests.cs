using HallDevices.Contracts;
using HallDevices.Queueing.Tickets;
using HallDevices.QueueServer.Halls;

namespace HallDevices.QueueServer.Tests.Halls;

/// <summary><see cref="EventMessages"/>: the log's events in their published form.</summary>
public sealed class EventMessagesTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 9, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void Who_asked_is_published_as_by_and_an_event_nobody_asked_for_leaves_it_out()
    {
        var asked = new CounterChanged { HallId = "xinqiao", Sequence = 4, At = At, CounterId = "w5", Action = "pause", StaffId = "li", Status = CounterStatus.Paused, By = "mgr01" };
        var device = new TicketVoided { HallId = "xinqiao", Sequence = 5, At = At, TicketId = "20261127-D001", Number = "D001", QueueId = "rural", ServiceId = "consultation", Reason = "print-failed" };

        var messages = EventMessages.ToMessages([asked, device]);

        Assert.Equal("mgr01", messages[0].By);
        Assert.EndsWith(""","by":"mgr01"}""", ContractJson.Serialize(messages[0]), StringComparison.Ordinal);
        Assert.Null(messages[1].By);
        Assert.DoesNotContain("\"by\"", ContractJson.Serialize(messages[1]), StringComparison.Ordinal);
    }
}
