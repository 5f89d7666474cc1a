using HallDevices.Queueing.Engine;
using HallDevices.Queueing.Tickets;

namespace HallDevices.QueueServer.Storage;

/// <summary>
/// One line of a hall's journal: a committed change, numbered from 1 without gaps. Written as one
/// JSON object (<see cref="LiteHallStore.Json"/>, so camelCase, no nulls) and a <c>\n</c>, e.g.
/// <c>{"n":7,"events":[…],"tickets":[…],"counters":[…],"request":{…}}</c>.
/// </summary>
internal sealed record JournalRecord(
    long N,
    IReadOnlyList<HallEvent> Events,
    IReadOnlyList<Ticket> Tickets,
    IReadOnlyList<CounterState> Counters,
    ProcessedRequest? Request)
{
    /// <summary>The record of <paramref name="change"/> committed as number <paramref name="number"/>.</summary>
    public static JournalRecord Of(long number, HallChange change) =>
        new(number, change.Events, change.Tickets, change.Counters, change.Request);

    /// <summary>The change as the database writer applies it (the hall id is not journalled: one journal per hall).</summary>
    public HallChange ToChange() => new("", Events, Tickets, Counters) { Request = Request };
}
