namespace HallDevices.Reporting;

/// <summary>Ids of the assessed targets, as in <see cref="TargetResult.Id"/>, CSV and JSON; in the order reports list them.</summary>
public static class ReportTargetIds
{
    /// <summary>评价率 ≥ <see cref="ReportTargets.EvaluationRate"/>.</summary>
    public const string EvaluationRate = "evaluation-rate";

    /// <summary>好评率 ≥ <see cref="ReportTargets.GoodRate"/>.</summary>
    public const string GoodRate = "good-rate";

    /// <summary>Share within the service level ≥ <see cref="ReportTargets.ServiceLevelShare"/>.</summary>
    public const string ServiceLevel = "service-level";

    /// <summary>差评回复率 ≥ <see cref="ReportTargets.BadReplyRate"/>.</summary>
    public const string BadReplyRate = "bad-reply-rate";

    /// <summary>Handling time reduction against the baselines ≥ <see cref="ReportTargets.HandlingReduction"/>.</summary>
    public const string HandlingReduction = "handling-reduction";

    /// <summary>All of them, in report order.</summary>
    public static IReadOnlyList<string> All { get; } = [EvaluationRate, GoodRate, ServiceLevel, BadReplyRate, HandlingReduction];

    /// <summary>The Chinese name of a target, e.g. 评价率.</summary>
    public static string ChineseName(string id) => id switch
    {
        EvaluationRate => "评价率",
        GoodRate => "好评率",
        ServiceLevel => "等候达标率",
        BadReplyRate => "差评回复率",
        HandlingReduction => "办理时长压减",
        _ => id,
    };

    /// <summary>The English name of a target, e.g. evaluation rate.</summary>
    public static string EnglishName(string id) => id switch
    {
        EvaluationRate => "evaluation rate",
        GoodRate => "good rate",
        ServiceLevel => "within service level",
        BadReplyRate => "bad-rating reply rate",
        HandlingReduction => "handling time reduction",
        _ => id,
    };
}
