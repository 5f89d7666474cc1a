namespace HallDevices.Queueing.Evaluation;

/// <summary>Where a rating was given; each case is rated once, whichever comes first.</summary>
public static class EvaluationChannels
{
    /// <summary>The evaluator (评价器) on the counter, over the RS-485 bus and MQTT.</summary>
    public const string Evaluator = "evaluator";

    /// <summary>The window console: staff prompt, the citizen taps the level.</summary>
    public const string Console = "console";

    /// <summary>The citizen's tracking page on the phone, within the online window after finish.</summary>
    public const string Online = "online";

    /// <summary>True for a known channel name.</summary>
    public static bool IsKnown(string? channel) => channel is Evaluator or Console or Online;
}
