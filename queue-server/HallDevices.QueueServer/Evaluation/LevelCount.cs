namespace HallDevices.QueueServer.Evaluation;

/// <summary>How many ratings of one level.</summary>
/// <param name="Score">1–5.</param>
/// <param name="Name">National name, e.g. 满意.</param>
/// <param name="NameEn">English name.</param>
/// <param name="Count">Ratings of that level.</param>
public sealed record LevelCount(int Score, string Name, string NameEn, int Count);
