namespace HallDevices.QueueServer.Evaluation;

/// <summary><c>POST /api/halls/{hallId}/follow-ups/{ticketId}</c>: the next step of a follow-up case.</summary>
public sealed record FollowUpStepBody
{
    /// <summary><c>call-back</c>, <c>rectification</c> or <c>satisfaction</c>, in that order.</summary>
    public string? Step { get; init; }

    /// <summary>What was said or done.</summary>
    public string? Note { get; init; }

    /// <summary>With <c>satisfaction</c>: <c>satisfied</c>, <c>basically-satisfied</c> or <c>dissatisfied</c>.</summary>
    public string? Satisfaction { get; init; }
}
