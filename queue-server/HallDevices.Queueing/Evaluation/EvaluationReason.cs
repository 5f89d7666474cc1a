namespace HallDevices.Queueing.Evaluation;

/// <summary>A reason a citizen may pick for a bad rating (hall file <c>evaluation.reasons</c>).</summary>
/// <param name="Id">Id stored in the event.</param>
/// <param name="Name">Chinese text shown, e.g. 等候时间过长.</param>
/// <param name="NameEn">English text for the English switch.</param>
public sealed record EvaluationReason(string Id, string Name, string NameEn);
