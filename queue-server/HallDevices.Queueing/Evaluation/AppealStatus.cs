namespace HallDevices.Queueing.Evaluation;

/// <summary>Where an appeal against a rating stands. An appeal never deletes the rating.</summary>
public enum AppealStatus
{
    /// <summary>No appeal.</summary>
    None,

    /// <summary>Appealed as malicious or mistaken, waiting for review.</summary>
    Pending,

    /// <summary>Review found the rating malicious or mistaken: it stays in the log, reports show it apart.</summary>
    Upheld,

    /// <summary>Review kept the rating as given.</summary>
    Rejected,
}
