using HallDevices.Queueing.Engine;
using HallDevices.Queueing.Evaluation;
using HallDevices.Queueing.Tickets;

namespace HallDevices.QueueServer.Storage;

/// <summary>
/// One line of a hall's journal: a committed change, numbered from 1 without gaps. Written as one
/// JSON object (<see cref="LiteHallStore.Json"/>, so camelCase, no nulls) and a <c>\n</c>, e.g.
/// <c>{"n":7,"events":[…],"tickets":[…],"counters":[…],"request":{…},"followUps":[…]}</c>
/// (<c>followUps</c> only when the change has some: lines written before issue 15 have none).
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
        new(number, change.Events, change.Tickets, change.Counters, change.Request) { FollowUps = change.FollowUps.Count == 0 ? null : change.FollowUps };

    /// <summary>New versions of follow-up cases; null (left out) when the change has none.</summary>
    public IReadOnlyList<FollowUpCase>? FollowUps { get; init; }

    /// <summary>The change as the database writer applies it (the hall id is not journalled: one journal per hall).</summary>
    public HallChange ToChange() => new("", Events, Tickets, Counters) { Request = Request, FollowUps = FollowUps ?? [] };
}
