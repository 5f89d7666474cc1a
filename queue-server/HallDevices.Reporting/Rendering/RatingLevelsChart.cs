using HallDevices.Queueing.Evaluation;

namespace HallDevices.Reporting.Rendering;

/// <summary>
/// How many cases got each of the five national levels, and how many were not rated (未评): six bars in the
/// fixed order 非常满意, 满意, 基本满意, 不满意, 非常不满意, 未评, each in its fixed colour
/// (<see cref="ChartPalette.Level"/>, 未评 <see cref="ChartPalette.Unrated"/> grey), labelled with the count
/// and its share of all cases drawn.
/// </summary>
/// <param name="Title">Chart title.</param>
/// <param name="Counts">Count per level; a level missing from the map counts 0.</param>
/// <param name="Unrated">Served cases with no rating.</param>
public sealed record RatingLevelsChart(string Title, IReadOnlyDictionary<EvaluationLevel, int> Counts, int Unrated) : Chart(Title)
{
    /// <summary>Level names in English (the English switch) instead of the national Chinese names.</summary>
    public bool EnglishNames { get; init; }
}
