namespace HallDevices.QueueServer.Evaluation;

/// <summary>
/// A rating over HTTP: <c>POST …/counters/{counterId}/evaluation</c> (the window console, with the
/// ticket's number) or <c>POST /t/{hallId}/{number}/evaluation?k=</c> (the tracking page, JSON or form).
/// </summary>
public sealed record EvaluationBody
{
    /// <summary>The case rated (the console; the tracking page names it in its path).</summary>
    public string? TicketNumber { get; init; }

    /// <summary>1 (非常不满意) to 5 (非常满意).</summary>
    public int? Score { get; init; }

    /// <summary>For a bad rating: ids of the hall's reasons.</summary>
    public IReadOnlyList<string>? ReasonIds { get; init; }

    /// <summary>For a bad rating: the citizen's own words (at most 200 characters kept).</summary>
    public string? ReasonText { get; init; }
}
