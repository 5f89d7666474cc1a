namespace HallDevices.QueueServer.Evaluation;

/// <summary>The answer to a rating over HTTP.</summary>
/// <param name="Ok">Always true (a refusal is the contract's <c>Reply</c> with its error).</param>
/// <param name="Level">The level given, as its score 1–5.</param>
/// <param name="LevelName">Its national name, e.g. 非常满意.</param>
/// <param name="LevelNameEn">Its English name.</param>
/// <param name="FollowUpDue">For a bad rating: the last working day of its follow-up.</param>
public sealed record EvaluationReply(bool Ok, int Level, string LevelName, string LevelNameEn, DateOnly? FollowUpDue);
