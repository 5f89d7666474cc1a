namespace HallDevices.Queueing.Evaluation;

/// <summary>
/// The five levels of 好差评 (GB/T 39734-2020 政务服务评价工作指南; 国办发〔2019〕51号), with the
/// score each carries. A case not rated within its window has no level: it is 未评, never a
/// level made up for it.
/// </summary>
public enum EvaluationLevel
{
    /// <summary>非常不满意 (1).</summary>
    VeryDissatisfied = 1,

    /// <summary>不满意 (2).</summary>
    Dissatisfied = 2,

    /// <summary>基本满意 (3).</summary>
    BasicallySatisfied = 3,

    /// <summary>满意 (4).</summary>
    Satisfied = 4,

    /// <summary>非常满意 (5).</summary>
    VerySatisfied = 5,
}
