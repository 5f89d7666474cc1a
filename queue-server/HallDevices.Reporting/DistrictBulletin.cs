namespace HallDevices.Reporting;

/// <summary>The district's monthly bulletin (月通报): every hall side by side, ranked, misses flagged, and the district total.</summary>
/// <param name="DistrictId">The district.</param>
/// <param name="DistrictName">Its name, e.g. 松江区.</param>
/// <param name="Period">The period (a month, usually).</param>
/// <param name="Targets">The targets the halls were assessed against.</param>
/// <param name="Rows">The halls, best first (rank 1).</param>
/// <param name="Total">The district as a whole (rank 0), targets assessed the same way.</param>
public sealed record DistrictBulletin(string DistrictId, string DistrictName, ReportPeriod Period, ReportTargets Targets, IReadOnlyList<BulletinRow> Rows, BulletinRow Total)
{
    /// <summary>The latest "as of" of the halls' reports (when the bulletin's figures stand); null with no halls.</summary>
    public DateTimeOffset? AsOf { get; init; }
}
