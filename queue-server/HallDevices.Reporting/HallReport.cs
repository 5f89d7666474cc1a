using HallDevices.Queueing.Halls;

namespace HallDevices.Reporting;

/// <summary>
/// A hall's report for a period, as of an instant (docs/reports.md): its figures in total and per
/// queue, service, counter and staff member; attendance; arrivals and finishes by hour; the wait
/// distribution; the rating levels; handling against the baselines; and the targets met or missed.
/// Built by <see cref="HallReports.Build"/>.
/// </summary>
/// <param name="HallId">The hall.</param>
/// <param name="HallName">Its name.</param>
/// <param name="District">Its district, if the hall file names one.</param>
/// <param name="Period">The days covered.</param>
/// <param name="AsOf">Events after this instant were not counted (follow-ups may still come).</param>
/// <param name="Total">The whole hall.</param>
/// <param name="ByQueue">Per queue, hall catalogue order (a ticket counts where it was issued).</param>
/// <param name="ByService">Per service, hall catalogue order (likewise).</param>
/// <param name="ByCounter">Per counter, hall catalogue order (waits of tickets first called there, handling of the calls there, finishes and ratings there).</param>
/// <param name="ByStaff">Per staff member, by staff id (likewise, by the staff signed in).</param>
/// <param name="Attendance">Sign-in and pause time per staff member, by staff id.</param>
/// <param name="Hourly">24 local hours: arrivals and finishes.</param>
/// <param name="WaitBuckets">The wait distribution (<see cref="WaitBucket.Bounds"/>).</param>
/// <param name="Levels">Served tickets by rating level, 未评 and upheld appeals.</param>
/// <param name="Baselines">Services with a baseline, hall catalogue order.</param>
/// <param name="HandlingReduction">
/// The hall's handling reduction over its baselined services, weighted by tickets:
/// 1 − Σ(served × mean handling) / Σ(served × baseline); null when none of them served a ticket.
/// </param>
/// <param name="Targets">The targets in <see cref="ReportTargetIds.All"/> order, met, missed or not assessed.</param>
public sealed record HallReport(
    string HallId,
    string HallName,
    DistrictRef? District,
    ReportPeriod Period,
    DateTimeOffset AsOf,
    Figures Total,
    IReadOnlyList<GroupFigures> ByQueue,
    IReadOnlyList<GroupFigures> ByService,
    IReadOnlyList<GroupFigures> ByCounter,
    IReadOnlyList<GroupFigures> ByStaff,
    IReadOnlyList<StaffAttendance> Attendance,
    IReadOnlyList<HourFigures> Hourly,
    IReadOnlyList<WaitBucket> WaitBuckets,
    LevelCounts Levels,
    IReadOnlyList<BaselineFigures> Baselines,
    double? HandlingReduction,
    IReadOnlyList<TargetResult> Targets)
{
    /// <summary>The hall's service-level wait in minutes (hall policy), the bound of <see cref="Figures.ServiceLevelShare"/>.</summary>
    public int ServiceLevelWaitMinutes { get; init; }

    /// <summary>How many targets were missed.</summary>
    public int TargetsMissed => Targets.Count(t => t.Missed);

    /// <summary>
    /// The hall's waits and handling times (seconds), so a district total can take exact
    /// percentiles over all its halls; absent from a report read back from JSON.
    /// </summary>
    internal ReportSamples? Samples { get; init; }
}
