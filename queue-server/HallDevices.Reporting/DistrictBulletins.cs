namespace HallDevices.Reporting;

/// <summary>Builds the district bulletin from its halls' reports.</summary>
public static class DistrictBulletins
{
    /// <summary>
    /// Puts the halls side by side, assesses each against <paramref name="targets"/> (the district's,
    /// not whatever each report was built with) and ranks them: <b>fewest missed targets first, then
    /// higher 好评率, then shorter mean wait, then hall id</b> (a hall with no rating or no wait sorts
    /// after those with one on that key). Ranks are 1..n with no ties. The total row adds the halls
    /// up (counts summed, rates recomputed from them, percentiles over every hall's tickets).
    /// </summary>
    public static DistrictBulletin Build(string districtId, string districtName, ReportPeriod period, IReadOnlyList<HallReport> halls, ReportTargets targets)
    {
        ArgumentNullException.ThrowIfNull(districtId);
        ArgumentNullException.ThrowIfNull(districtName);
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(halls);
        ArgumentNullException.ThrowIfNull(targets);

        var rows = halls
            .Select(h => new BulletinRow(0, h.HallId, h.HallName, h.Total, h.HandlingReduction, TargetCheck.Assess(h.Total, h.HandlingReduction, targets)))
            .OrderBy(r => r.MissedCount)
            .ThenBy(r => r.Figures.GoodRate is null ? 1 : 0).ThenByDescending(r => r.Figures.GoodRate ?? 0)
            .ThenBy(r => r.Figures.WaitMean is null ? 1 : 0).ThenBy(r => r.Figures.WaitMean ?? 0)
            .ThenBy(r => r.HallId, StringComparer.Ordinal)
            .Select((r, i) => r with { Rank = i + 1 })
            .ToList();

        var total = FiguresTotal.Sum(halls);
        var reduction = TargetCheck.HandlingReduction(halls.SelectMany(h => h.Baselines));
        var totalRow = new BulletinRow(0, districtId, districtName, total, reduction, TargetCheck.Assess(total, reduction, targets));
        return new DistrictBulletin(districtId, districtName, period, targets, rows, totalRow)
        {
            AsOf = halls.Count == 0 ? null : halls.Max(h => h.AsOf),
        };
    }
}
