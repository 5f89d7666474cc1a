namespace HallDevices.QueueServer.Evaluation;

/// <summary>Today's ratings of a counter or a staff member, as counts: never which case gave which level.</summary>
/// <param name="Served">Cases finished today.</param>
/// <param name="Rated">Of them, rated.</param>
/// <param name="Levels">Ratings per level, 5 (非常满意) first.</param>
public sealed record RatingCounts(int Served, int Rated, IReadOnlyList<LevelCount> Levels);
