namespace HallDevices.Reporting;

/// <summary>One hall in the district bulletin, or the district's total row (rank 0).</summary>
/// <param name="Rank">1 for the best hall (see <see cref="DistrictBulletins.Build"/>); 0 for the district total.</param>
/// <param name="HallId">The hall (the district id for the total row).</param>
/// <param name="HallName">Its name (the district name for the total row).</param>
/// <param name="Figures">Its figures for the period.</param>
/// <param name="HandlingReduction">Its handling reduction against the baselines (<see cref="HallReport.HandlingReduction"/>).</param>
/// <param name="Targets">Its targets, assessed with the bulletin's targets, in <see cref="ReportTargetIds.All"/> order.</param>
public sealed record BulletinRow(int Rank, string HallId, string HallName, Figures Figures, double? HandlingReduction, IReadOnlyList<TargetResult> Targets)
{
    /// <summary>Ids of the targets missed (the flags).</summary>
    public IReadOnlyList<string> Missed => Targets.Where(t => t.Missed).Select(t => t.Id).ToList();

    /// <summary>How many targets were missed (the first ranking key).</summary>
    public int MissedCount => Targets.Count(t => t.Missed);

    /// <summary>True when the target <paramref name="targetId"/> was missed (flag it).</summary>
    public bool IsMissed(string targetId) => Targets.Any(t => t.Id == targetId && t.Missed);
}
