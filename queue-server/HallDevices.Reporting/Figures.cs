namespace HallDevices.Reporting;

/// <summary>
/// The figures of a hall, or of one queue, service, counter or staff member of it, for a period
/// (docs/reports.md defines each). Times are in minutes; a rate or time is null when there is
/// nothing to divide by or measure (no ticket called, none served, none rated, no bad rating).
/// </summary>
/// <param name="Issued">取号: tickets issued (per counter and staff: 0, tickets are issued to queues).</param>
/// <param name="Served">办结: tickets finished (per counter and staff: finished there).</param>
/// <param name="NoShows">过号: tickets whose last state is skipped (a reinstated and then served ticket is served).</param>
/// <param name="Voided">作废: tickets whose last state is voided (per counter and staff: 0).</param>
/// <param name="WaitMean">等候时长 mean: issue → first call, over tickets called at least once.</param>
/// <param name="WaitP50">Median wait, nearest rank.</param>
/// <param name="WaitP90">90th percentile wait, nearest rank.</param>
/// <param name="WaitMax">Longest wait.</param>
/// <param name="HandlingMean">办理时长 mean: Σ over a ticket's calls of call → the finish or transfer ending it, over served tickets (per counter and staff: over the calls there).</param>
/// <param name="HandlingP90">90th percentile handling, nearest rank.</param>
/// <param name="ServiceLevelShare">Served tickets whose wait was at most the hall's service-level wait, over served.</param>
/// <param name="Rated">已评: served tickets rated (upheld appeals included: the citizen did rate).</param>
/// <param name="Unrated">未评: served tickets with no rating.</param>
/// <param name="EvaluationRate">评价率: rated / served.</param>
/// <param name="UnratedRate">未评率: 1 − 评价率.</param>
/// <param name="GoodRate">好评率: (非常满意 + 满意) / rated.</param>
/// <param name="BadRate">差评率: bad / rated.</param>
/// <param name="Bad">差评: ratings 不满意 or 非常不满意, less those whose appeal was upheld.</param>
/// <param name="BadReplyRate">差评回复率: bad with a call-back recorded / bad.</param>
/// <param name="RectificationRate">回访整改率: bad with a rectification recorded / bad.</param>
/// <param name="RectificationSatisfactionRate">整改满意率: (满意 + 基本满意) / bad with the satisfaction recorded.</param>
/// <param name="AppealsUpheld">申诉成立: bad ratings whose appeal was upheld (kept apart, not in <paramref name="Bad"/>).</param>
public sealed record Figures(
    int Issued,
    int Served,
    int NoShows,
    int Voided,
    double? WaitMean,
    double? WaitP50,
    double? WaitP90,
    double? WaitMax,
    double? HandlingMean,
    double? HandlingP90,
    double? ServiceLevelShare,
    int Rated,
    int Unrated,
    double? EvaluationRate,
    double? UnratedRate,
    double? GoodRate,
    double? BadRate,
    int Bad,
    double? BadReplyRate,
    double? RectificationRate,
    double? RectificationSatisfactionRate,
    int AppealsUpheld)
{
    /// <summary>Tickets with a wait (called at least once): the count behind the wait figures.</summary>
    public int Waited { get; init; }

    /// <summary>The count behind the handling figures: served tickets (per counter and staff: calls there ended by a finish or transfer).</summary>
    public int Handled { get; init; }

    /// <summary>Served tickets called within the service-level wait (numerator of <see cref="ServiceLevelShare"/>).</summary>
    public int WithinServiceLevel { get; init; }

    /// <summary>好评: 非常满意 + 满意 (numerator of <see cref="GoodRate"/>).</summary>
    public int Good { get; init; }

    /// <summary>Bad ratings with a call-back recorded (numerator of <see cref="BadReplyRate"/>).</summary>
    public int BadCalledBack { get; init; }

    /// <summary>Bad ratings with a rectification recorded (numerator of <see cref="RectificationRate"/>).</summary>
    public int BadRectified { get; init; }

    /// <summary>Bad ratings with the citizen's satisfaction recorded (denominator of <see cref="RectificationSatisfactionRate"/>).</summary>
    public int SatisfactionRecorded { get; init; }

    /// <summary>Of those, 满意 or 基本满意 (numerator of <see cref="RectificationSatisfactionRate"/>).</summary>
    public int SatisfiedWithRectification { get; init; }
}
