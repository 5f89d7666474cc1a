namespace HallDevices.Queueing.Evaluation;

/// <summary>Why a rating is appealed (<see cref="Tickets.EvaluationAppealed.Reason"/>).</summary>
public static class AppealReasons
{
    /// <summary>恶意差评: rated bad on purpose, unrelated to the service.</summary>
    public const string Malicious = "malicious";

    /// <summary>误评: the citizen pressed the wrong key or rated the wrong case.</summary>
    public const string Mistaken = "mistaken";

    /// <summary>True for a known reason.</summary>
    public static bool IsKnown(string? reason) => reason is Malicious or Mistaken;
}
