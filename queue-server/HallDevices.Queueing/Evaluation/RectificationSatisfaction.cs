namespace HallDevices.Queueing.Evaluation;

/// <summary>The citizen's answer, at the follow-up, to "are you satisfied with what we changed?" (整改满意度).</summary>
public enum RectificationSatisfaction
{
    /// <summary>满意.</summary>
    Satisfied,

    /// <summary>基本满意 (counts as satisfied in 整改满意率).</summary>
    BasicallySatisfied,

    /// <summary>不满意.</summary>
    Dissatisfied,
}
