namespace HallDevices.Queueing.Evaluation;

/// <summary>Names and classes of the <see cref="EvaluationLevel"/>s.</summary>
public static class EvaluationLevels
{
    /// <summary>The level of a 1–5 score, or null when the score is out of range.</summary>
    public static EvaluationLevel? FromScore(int score) => score is >= 1 and <= 5 ? (EvaluationLevel)score : null;

    /// <summary>The national name, e.g. 非常满意.</summary>
    public static string ChineseName(EvaluationLevel level) => level switch
    {
        EvaluationLevel.VerySatisfied => "非常满意",
        EvaluationLevel.Satisfied => "满意",
        EvaluationLevel.BasicallySatisfied => "基本满意",
        EvaluationLevel.Dissatisfied => "不满意",
        EvaluationLevel.VeryDissatisfied => "非常不满意",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "not an evaluation level"),
    };

    /// <summary>The English name used by the English switch.</summary>
    public static string EnglishName(EvaluationLevel level) => level switch
    {
        EvaluationLevel.VerySatisfied => "Very satisfied",
        EvaluationLevel.Satisfied => "Satisfied",
        EvaluationLevel.BasicallySatisfied => "Basically satisfied",
        EvaluationLevel.Dissatisfied => "Dissatisfied",
        EvaluationLevel.VeryDissatisfied => "Very dissatisfied",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "not an evaluation level"),
    };

    /// <summary>好评: 非常满意 or 满意 (the numerator of 好评率).</summary>
    public static bool IsGood(int score) => score >= (int)EvaluationLevel.Satisfied;

    /// <summary>差评: 不满意 or 非常不满意; opens a follow-up case (the numerator of 差评率).</summary>
    public static bool IsBad(int score) => score is >= 1 and <= (int)EvaluationLevel.Dissatisfied;
}
