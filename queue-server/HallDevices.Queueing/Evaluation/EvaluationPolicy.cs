namespace HallDevices.Queueing.Evaluation;

/// <summary>How a hall takes ratings and follows up bad ones (hall file <c>evaluation</c>).</summary>
/// <param name="WindowMinutes">
/// How long after finish a case may still be rated (the console and the tracking page; the
/// evaluator too). At most 1,440: the engine keeps yesterday's finished tickets for one day only.
/// </param>
/// <param name="FollowUpWorkingDays">Working days from a bad rating to its follow-up deadline.</param>
/// <param name="Reasons">Reasons a citizen may choose for a bad rating (text is allowed as well).</param>
public sealed record EvaluationPolicy(int WindowMinutes, int FollowUpWorkingDays, IReadOnlyList<EvaluationReason> Reasons)
{
    /// <summary>Longest window a hall file may set.</summary>
    public const int MaxWindowMinutes = 1440;

    /// <summary>Longest reason text kept, in characters.</summary>
    public const int MaxReasonTextLength = 200;

    /// <summary>24 hours to rate, 5 working days to follow up, the common reasons of 差评 forms.</summary>
    public static EvaluationPolicy Default { get; } = new(1440, 5,
    [
        new("long-wait", "等候时间过长", "Waited too long"),
        new("attitude", "服务态度不好", "Unfriendly service"),
        new("unclear-guide", "告知不清、多次跑", "Unclear guidance, more than one trip"),
        new("slow-handling", "办理效率低", "Slow handling"),
        new("rules", "不满意办理结果或政策", "Disagree with the outcome or the rules"),
    ]);

    /// <summary>The configured reason with that id, if any.</summary>
    public EvaluationReason? FindReason(string id) => Reasons.FirstOrDefault(r => r.Id == id);
}
