namespace HallDevices.QueueServer.Evaluation;

/// <summary><c>POST /api/halls/{hallId}/follow-ups/{ticketId}/appeal</c>: a bad rating appealed for review.</summary>
public sealed record AppealBody
{
    /// <summary><c>malicious</c> (恶意差评) or <c>mistaken</c> (误评).</summary>
    public string? Reason { get; init; }

    /// <summary>The appellant's explanation.</summary>
    public string? Note { get; init; }
}
