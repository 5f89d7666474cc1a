using HallDevices.Queueing.Evaluation;
using HallDevices.Queueing.Tickets;

namespace HallDevices.Queueing.Engine;

/// <summary>One committed unit of change: events plus the new versions of everything they touched.</summary>
/// <param name="HallId">The hall.</param>
/// <param name="Events">Events in sequence order.</param>
/// <param name="Tickets">New versions of the changed tickets.</param>
/// <param name="Counters">New versions of the changed counters.</param>
public sealed record HallChange(string HallId, IReadOnlyList<HallEvent> Events, IReadOnlyList<Ticket> Tickets, IReadOnlyList<CounterState> Counters)
{
    /// <summary>The request this change answers, when the client gave a requestId.</summary>
    public ProcessedRequest? Request { get; init; }

    /// <summary>New versions of the follow-up cases the change opened or advanced (none in changes older than issue 15).</summary>
    public IReadOnlyList<FollowUpCase> FollowUps { get; init; } = [];
}
