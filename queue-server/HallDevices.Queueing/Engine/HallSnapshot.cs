using HallDevices.Queueing.Evaluation;
using HallDevices.Queueing.Tickets;

namespace HallDevices.Queueing.Engine;

/// <summary>Everything needed to bring a hall back after a restart.</summary>
/// <param name="Tickets">Tickets of the current service day and every ticket still open.</param>
/// <param name="Counters">Last committed state of each counter.</param>
/// <param name="LastSequence">Sequence of the last committed event.</param>
public sealed record HallSnapshot(IReadOnlyList<Ticket> Tickets, IReadOnlyList<CounterState> Counters, long LastSequence)
{
    /// <summary>Requests already answered today, so retries after a restart get the first answer.</summary>
    public IReadOnlyList<ProcessedRequest> Requests { get; init; } = [];

    /// <summary>
    /// Follow-up cases of bad ratings: every open one, and those closed within the last
    /// <see cref="HallEngine.ClosedFollowUpDays"/> days (the dashboard's recent history).
    /// </summary>
    public IReadOnlyList<FollowUpCase> FollowUps { get; init; } = [];

    /// <summary>A hall with no history.</summary>
    public static HallSnapshot Empty { get; } = new([], [], 0);
}
