namespace HallDevices.QueueServer.Evaluation;

/// <summary><c>POST /api/halls/{hallId}/follow-ups/{ticketId}/review</c>: an appeal decided.</summary>
public sealed record ReviewBody
{
    /// <summary>True when the rating is found malicious or mistaken.</summary>
    public bool? Upheld { get; init; }

    /// <summary>The reviewer's note.</summary>
    public string? Note { get; init; }
}
