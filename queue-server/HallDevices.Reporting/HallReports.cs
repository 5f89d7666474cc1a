using HallDevices.Queueing.Halls;
using HallDevices.Queueing.Tickets;

namespace HallDevices.Reporting;

/// <summary>Builds a hall's report from its event log in one streaming pass.</summary>
public static class HallReports
{
    /// <summary>
    /// Computes the report of <paramref name="hall"/> for <paramref name="period"/> as of
    /// <paramref name="asOf"/>, by the definitions in docs/reports.md.
    /// </summary>
    /// <param name="hall">The hall as its hall file describes it now (names, time zone, service level, baselines).</param>
    /// <param name="period">The days: tickets issued on them (hall-local dates) are counted.</param>
    /// <param name="events">
    /// The hall's events in sequence order, from the period's first local midnight (earlier ones are
    /// harmless) up to <paramref name="asOf"/>: a ticket's later events — a finish after midnight,
    /// a rating next morning, a follow-up a week later — count for it. Enumerated once and never
    /// held: only one small accumulator per ticket of the period is kept.
    /// </param>
    /// <param name="asOf">Events after this instant are ignored; sign-ins still open count up to it.</param>
    /// <param name="targets">The targets to assess.</param>
    public static HallReport Build(HallDefinition hall, ReportPeriod period, IEnumerable<HallEvent> events, DateTimeOffset asOf, ReportTargets targets)
    {
        ArgumentNullException.ThrowIfNull(hall);
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(targets);

        var builder = new HallReportBuilder(hall, period, asOf);
        foreach (var e in events)
        {
            builder.Add(e);
        }

        return builder.Finish(targets);
    }
}
