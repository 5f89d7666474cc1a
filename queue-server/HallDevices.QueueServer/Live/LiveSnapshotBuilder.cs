using HallDevices.QueueServer.Halls;
using HallDevices.QueueServer.Staff;
using HallDevices.Queueing.Tickets;

namespace HallDevices.QueueServer.Live;

/// <summary>Builds a hall's <see cref="LiveSnapshot"/> from its engine (reads only; the engine's own lock keeps each read consistent).</summary>
public static class LiveSnapshotBuilder
{
    /// <summary>How many waiting tickets per queue the console lists.</summary>
    public const int NextPerQueue = 5;

    /// <summary>The snapshot of <paramref name="hall"/> at <paramref name="now"/>.</summary>
    public static LiveSnapshot Build(HallRuntime hall, StaffDirectory staff, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(hall);
        ArgumentNullException.ThrowIfNull(staff);
        var engine = hall.Engine;
        var sequence = engine.LastSequence;
        var definition = hall.Hall;
        var tickets = engine.TicketsToday();
        var counters = engine.Counters();
        var queues = engine.Queues();
        var byNumber = tickets.ToDictionary(t => t.Number, StringComparer.Ordinal);
        var local = now.ToOffset(definition.TimeZone.GetUtcOffset(now));

        var liveCounters = counters.Select(c =>
        {
            var def = definition.FindCounter(c.CounterId)!;
            var mine = tickets.Where(t => t.CounterId == c.CounterId).ToList();
            var finished = mine.Where(t => t.Status == TicketStatus.Finished && t.CalledAt is not null && t.FinishedAt is not null).ToList();
            var current = c.TicketNumber is { } n && byNumber.TryGetValue(n, out var serving) ? ToLive(hall, serving) : null;
            return new LiveCounter(
                c.CounterId,
                def.Name,
                HallRequests.Kebab(c.Status.ToString()),
                c.StaffId,
                c.StaffId is null ? null : staff.Find(c.StaffId)?.Name,
                c.Since,
                def.Fallback,
                def.Queues.OrderByDescending(q => q.Weight).Select(q => q.QueueId).ToList(),
                current,
                new LiveCounterDay(
                    finished.Count,
                    mine.Count(t => t.Status == TicketStatus.NoShow),
                    finished.Count == 0 ? 0 : finished.Average(t => (t.FinishedAt!.Value - t.CalledAt!.Value).TotalSeconds)));
        }).ToList();

        var waiting = tickets.Where(t => t.IsWaiting).ToList();
        var liveQueues = definition.Queues.Select(q =>
        {
            var status = queues.First(s => s.QueueId == q.Id);
            var next = waiting.Where(t => t.QueueId == q.Id)
                .OrderBy(t => t.Priority == TicketPriority.Normal ? 1 : 0)
                .ThenBy(t => t.IssuedAt)
                .Take(NextPerQueue)
                .Select(t => ToLive(hall, t))
                .ToList();
            return new LiveQueue(q.Id, q.Name, q.Prefix, status.Waiting, status.LongestWaitSeconds, status.EstimatedWaitMinutes, next);
        }).ToList();

        var window = TimeSpan.FromMinutes(definition.Policy.ReinstateWindowMinutes);
        var noShows = tickets.Where(t => t.Status == TicketStatus.NoShow && t.SkippedAt is { } s && now - s <= window)
            .OrderByDescending(t => t.SkippedAt)
            .Select(t => ToLive(hall, t))
            .ToList();

        var called = tickets.Where(t => t.CalledAt is not null).ToList();
        var today = new LiveDay(
            tickets.Count,
            tickets.Count(t => t.Status == TicketStatus.Finished),
            tickets.Count(t => t.Status == TicketStatus.NoShow),
            tickets.Count(t => t.Status == TicketStatus.Voided),
            waiting.Count,
            called.Count == 0 ? 0 : called.Average(t => FirstWaitSeconds(t)));

        return new LiveSnapshot(definition.Id, definition.Name, sequence, local, definition.Policy.ServiceLevelWaitMinutes, definition.Policy.ReinstateWindowMinutes, liveCounters, liveQueues, noShows, today);
    }

    // The wait a citizen felt: from taking the ticket to the call (a recall or transfer moves CalledAt on; close enough for a day's mean).
    private static double FirstWaitSeconds(Ticket t) => Math.Max(0, (t.CalledAt!.Value - t.IssuedAt).TotalSeconds);

    private static LiveTicket ToLive(HallRuntime hall, Ticket t) => new(
        t.Number,
        t.QueueId,
        t.ServiceId,
        hall.Hall.FindService(t.ServiceId)?.Name ?? t.ServiceId,
        HallRequests.Kebab(t.Priority.ToString()),
        HallRequests.Kebab(t.Status.ToString()),
        t.IssuedAt,
        t.CalledAt,
        t.SkippedAt,
        t.TargetCounterId,
        t.RecallCount);
}
