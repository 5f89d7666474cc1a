namespace HallDevices.Queueing.Evaluation;

/// <summary>
/// The follow-up of one bad rating (差评整改): opened by the rating, due a number of working days
/// later, closed when the citizen's satisfaction with the rectification is recorded. One case per
/// ticket (一事一评), so the case id is the ticket id. Immutable like <see cref="Tickets.Ticket"/>.
/// </summary>
public sealed record FollowUpCase
{
    /// <summary>The rated ticket's id (<c>20261127-A001</c>); the case id.</summary>
    public required string TicketId { get; init; }

    /// <summary>The printed number.</summary>
    public required string Number { get; init; }

    /// <summary>The ticket's queue when it was rated.</summary>
    public required string QueueId { get; init; }

    /// <summary>The ticket's service.</summary>
    public required string ServiceId { get; init; }

    /// <summary>The counter that served and was rated.</summary>
    public required string CounterId { get; init; }

    /// <summary>The staff member who served, if one was signed in.</summary>
    public string? StaffId { get; init; }

    /// <summary>The rating, 1 or 2.</summary>
    public required int Score { get; init; }

    /// <summary>Reasons chosen from the hall's list.</summary>
    public IReadOnlyList<string> ReasonIds { get; init; } = [];

    /// <summary>Free reason text, at most <see cref="EvaluationPolicy.MaxReasonTextLength"/> characters.</summary>
    public string? ReasonText { get; init; }

    /// <summary>When the bad rating was given.</summary>
    public required DateTimeOffset OpenedAt { get; init; }

    /// <summary>Last working day to call back and rectify.</summary>
    public required DateOnly DueDate { get; init; }

    /// <summary>When the call-back (回访) was recorded.</summary>
    public DateTimeOffset? CalledBackAt { get; init; }

    /// <summary>What the citizen said at the call-back.</summary>
    public string? CallBackNote { get; init; }

    /// <summary>When the rectification (整改) was recorded.</summary>
    public DateTimeOffset? RectifiedAt { get; init; }

    /// <summary>What was changed.</summary>
    public string? RectificationNote { get; init; }

    /// <summary>The citizen's satisfaction with the rectification; set, the case is closed.</summary>
    public RectificationSatisfaction? Satisfaction { get; init; }

    /// <summary>When the case closed: the satisfaction was recorded, or an appeal was upheld.</summary>
    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>Appeal state of the rating.</summary>
    public AppealStatus Appeal { get; init; }

    /// <summary><see cref="AppealReasons"/> value of the appeal, if appealed.</summary>
    public string? AppealReason { get; init; }

    /// <summary>The appellant's explanation.</summary>
    public string? AppealNote { get; init; }

    /// <summary>When the rating was appealed.</summary>
    public DateTimeOffset? AppealedAt { get; init; }

    /// <summary>When the appeal was decided.</summary>
    public DateTimeOffset? ReviewedAt { get; init; }

    /// <summary>The reviewer's note.</summary>
    public string? ReviewNote { get; init; }

    /// <summary>True once the satisfaction is recorded or an appeal was upheld.</summary>
    public bool IsClosed => Satisfaction is not null || Appeal == AppealStatus.Upheld;

    /// <summary>True when still open after its due date.</summary>
    public bool IsOverdue(DateOnly today) => !IsClosed && today > DueDate;
}
