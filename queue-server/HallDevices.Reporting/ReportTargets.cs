namespace HallDevices.Reporting;

/// <summary>
/// The assessment's targets (考核指标). A hall meets a target when its figure is at least the target;
/// a figure with nothing to divide (no served ticket, no bad rating) is not assessed.
/// </summary>
/// <param name="EvaluationRate">评价率: rated over served; the seed's 100%.</param>
/// <param name="GoodRate">好评率: 非常满意 + 满意 over rated.</param>
/// <param name="ServiceLevelShare">Share of served tickets called within the hall's service-level wait.</param>
/// <param name="BadReplyRate">差评回复率: bad ratings with a call-back recorded, over bad ratings.</param>
/// <param name="HandlingReduction">Handling time's reduction against the services' baselines (−20%: 0.2).</param>
public sealed record ReportTargets(
    double EvaluationRate = 1.0,
    double GoodRate = 0.95,
    double ServiceLevelShare = 0.9,
    double BadReplyRate = 1.0,
    double HandlingReduction = 0.2)
{
    /// <summary>The seed's targets: 100% rated, 95% good, 90% within the service level, every bad rating answered, −20% handling.</summary>
    public static ReportTargets Default { get; } = new();
}
