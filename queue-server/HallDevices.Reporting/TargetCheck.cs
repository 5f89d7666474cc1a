namespace HallDevices.Reporting;

/// <summary>Assesses figures against the targets; shared by hall reports and the bulletin so both judge alike.</summary>
internal static class TargetCheck
{
    public static IReadOnlyList<TargetResult> Assess(Figures f, double? handlingReduction, ReportTargets targets) =>
    [
        new(ReportTargetIds.EvaluationRate, targets.EvaluationRate, f.EvaluationRate),
        new(ReportTargetIds.GoodRate, targets.GoodRate, f.GoodRate),
        new(ReportTargetIds.ServiceLevel, targets.ServiceLevelShare, f.ServiceLevelShare),
        new(ReportTargetIds.BadReplyRate, targets.BadReplyRate, f.BadReplyRate),
        new(ReportTargetIds.HandlingReduction, targets.HandlingReduction, handlingReduction),
    ];

    /// <summary>1 − Σ(served × mean handling) / Σ(served × baseline) over the rows that served a ticket.</summary>
    public static double? HandlingReduction(IEnumerable<BaselineFigures> rows)
    {
        double handled = 0, baseline = 0;
        foreach (var r in rows)
        {
            if (r.Served > 0 && r.HandlingMean is { } mean)
            {
                handled += r.Served * mean;
                baseline += r.Served * r.BaselineMinutes;
            }
        }

        return baseline > 0 ? 1 - (handled / baseline) : null;
    }
}
