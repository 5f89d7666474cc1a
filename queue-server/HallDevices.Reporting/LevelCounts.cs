using HallDevices.Queueing.Evaluation;

namespace HallDevices.Reporting;

/// <summary>
/// Served tickets by rating: the five levels, 未评, and the bad ratings whose appeal was upheld
/// (counted there, not at their level). The seven add up to the served tickets.
/// </summary>
/// <param name="VerySatisfied">非常满意 (5).</param>
/// <param name="Satisfied">满意 (4).</param>
/// <param name="BasicallySatisfied">基本满意 (3).</param>
/// <param name="Dissatisfied">不满意 (2), upheld appeals excluded.</param>
/// <param name="VeryDissatisfied">非常不满意 (1), upheld appeals excluded.</param>
/// <param name="Unrated">未评.</param>
/// <param name="AppealsUpheld">申诉成立: bad ratings found malicious or mistaken.</param>
public sealed record LevelCounts(int VerySatisfied, int Satisfied, int BasicallySatisfied, int Dissatisfied, int VeryDissatisfied, int Unrated, int AppealsUpheld)
{
    /// <summary>The count of one level.</summary>
    public int Of(EvaluationLevel level) => level switch
    {
        EvaluationLevel.VerySatisfied => VerySatisfied,
        EvaluationLevel.Satisfied => Satisfied,
        EvaluationLevel.BasicallySatisfied => BasicallySatisfied,
        EvaluationLevel.Dissatisfied => Dissatisfied,
        EvaluationLevel.VeryDissatisfied => VeryDissatisfied,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "not an evaluation level"),
    };

    /// <summary>All seven counts together: the served tickets.</summary>
    public int Total => VerySatisfied + Satisfied + BasicallySatisfied + Dissatisfied + VeryDissatisfied + Unrated + AppealsUpheld;
}
