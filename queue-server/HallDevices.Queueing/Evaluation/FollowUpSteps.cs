namespace HallDevices.Queueing.Evaluation;

/// <summary>What a hall manager records on a follow-up case (<see cref="Tickets.FollowUpRecorded.Step"/>).</summary>
public static class FollowUpSteps
{
    /// <summary>回访: the citizen was called back and heard.</summary>
    public const string CallBack = "call-back";

    /// <summary>整改: what the hall changed.</summary>
    public const string Rectification = "rectification";

    /// <summary>The citizen's satisfaction with the rectification; closes the case.</summary>
    public const string Satisfaction = "satisfaction";

    /// <summary>True for a known step name.</summary>
    public static bool IsKnown(string? step) => step is CallBack or Rectification or Satisfaction;
}
