using HallDevices.Queueing.Evaluation;

namespace HallDevices.Queueing.Tickets;

/// <summary>
/// A citizen rated a finished ticket (好差评, one rating per case). The citizen is never named:
/// the event says which case, counter and staff member, not who rated.
/// </summary>
public sealed record TicketEvaluated : TicketEvent
{
    /// <summary>The counter that served.</summary>
    public required string CounterId { get; init; }

    /// <summary>The staff member who served, if one was signed in (for per-staff figures).</summary>
    public string? StaffId { get; init; }

    /// <summary><see cref="EvaluationLevel"/> as its score: 1 (非常不满意) to 5 (非常满意).</summary>
    public int Score { get; init; }

    /// <summary>Where it was given (<see cref="EvaluationChannels"/>); <c>evaluator</c> in logs older than issue 15.</summary>
    public string Channel { get; init; } = EvaluationChannels.Evaluator;

    /// <summary>Reasons chosen from the hall's list, for a bad rating.</summary>
    public IReadOnlyList<string>? ReasonIds { get; init; }

    /// <summary>Free reason text, for a bad rating.</summary>
    public string? ReasonText { get; init; }
}

/// <summary>A bad rating opened a follow-up case (差评整改), emitted with its <see cref="TicketEvaluated"/>.</summary>
public sealed record FollowUpOpened : TicketEvent
{
    /// <summary>The rated counter.</summary>
    public required string CounterId { get; init; }

    /// <summary>The staff member who served, if any.</summary>
    public string? StaffId { get; init; }

    /// <summary>The bad score (1 or 2).</summary>
    public int Score { get; init; }

    /// <summary>Last working day to call back and rectify.</summary>
    public DateOnly DueDate { get; init; }
}

/// <summary>A hall manager recorded a step of a follow-up case.</summary>
public sealed record FollowUpRecorded : TicketEvent
{
    /// <summary><see cref="FollowUpSteps"/>: <c>call-back</c>, <c>rectification</c> or <c>satisfaction</c>.</summary>
    public required string Step { get; init; }

    /// <summary>What was said or done.</summary>
    public string? Note { get; init; }

    /// <summary>For <c>satisfaction</c>: the citizen's answer.</summary>
    public RectificationSatisfaction? Satisfaction { get; init; }
}

/// <summary>A rating was appealed as malicious or mistaken; the rating stays, marked for review.</summary>
public sealed record EvaluationAppealed : TicketEvent
{
    /// <summary><see cref="AppealReasons"/>: <c>malicious</c> or <c>mistaken</c>.</summary>
    public required string Reason { get; init; }

    /// <summary>The appellant's explanation.</summary>
    public string? Note { get; init; }
}

/// <summary>An appeal was decided.</summary>
public sealed record AppealReviewed : TicketEvent
{
    /// <summary>True when the rating was found malicious or mistaken.</summary>
    public bool Upheld { get; init; }

    /// <summary>The reviewer's note.</summary>
    public string? Note { get; init; }
}
