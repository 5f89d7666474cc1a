namespace HallDevices.Reporting;

/// <summary>
/// Adds up figures of several halls into one (the bulletin's district row): counts add, rates are
/// recomputed from the summed counts, means are weighted by their counts, and percentiles come
/// from the halls' merged samples — or are null when a report lacks them (read back from JSON).
/// </summary>
internal static class FiguresTotal
{
    public static Figures Sum(IReadOnlyList<HallReport> halls)
    {
        var f = halls.Select(h => h.Total).ToList();
        int Sum(Func<Figures, int> pick) => f.Sum(pick);

        var served = Sum(x => x.Served);
        var rated = Sum(x => x.Rated);
        var bad = Sum(x => x.Bad);
        var waited = Sum(x => x.Waited);
        var handled = Sum(x => x.Handled);
        var satisfactionRecorded = Sum(x => x.SatisfactionRecorded);

        double[]? waits = null, handling = null;
        if (halls.All(h => h.Samples is not null))
        {
            waits = Merge(halls.Select(h => h.Samples!.WaitSeconds));
            handling = Merge(halls.Select(h => h.Samples!.HandlingSeconds));
        }

        var evaluationRate = GroupTally.Ratio(rated, served);
        return new Figures(
            Sum(x => x.Issued), served, Sum(x => x.NoShows), Sum(x => x.Voided),
            WeightedMean(f, x => x.WaitMean, x => x.Waited, waited),
            Pick(waits, 50), Pick(waits, 90),
            f.Max(x => x.WaitMax),
            WeightedMean(f, x => x.HandlingMean, x => x.Handled, handled),
            Pick(handling, 90),
            GroupTally.Ratio(Sum(x => x.WithinServiceLevel), served),
            rated, Sum(x => x.Unrated), evaluationRate, 1 - evaluationRate,
            GroupTally.Ratio(Sum(x => x.Good), rated), GroupTally.Ratio(bad, rated), bad,
            GroupTally.Ratio(Sum(x => x.BadCalledBack), bad), GroupTally.Ratio(Sum(x => x.BadRectified), bad),
            GroupTally.Ratio(Sum(x => x.SatisfiedWithRectification), satisfactionRecorded),
            Sum(x => x.AppealsUpheld))
        {
            Waited = waited,
            Handled = handled,
            WithinServiceLevel = Sum(x => x.WithinServiceLevel),
            Good = Sum(x => x.Good),
            BadCalledBack = Sum(x => x.BadCalledBack),
            BadRectified = Sum(x => x.BadRectified),
            SatisfactionRecorded = satisfactionRecorded,
            SatisfiedWithRectification = Sum(x => x.SatisfiedWithRectification),
        };
    }

    private static double? WeightedMean(List<Figures> f, Func<Figures, double?> mean, Func<Figures, int> count, int total) =>
        total == 0 ? null : f.Sum(x => (mean(x) ?? 0) * count(x)) / total;

    private static double? Pick(double[]? seconds, int percent) =>
        seconds is null ? null : GroupTally.Minutes(Percentiles.NearestRank(seconds, percent));

    private static double[] Merge(IEnumerable<double[]> parts) => parts.SelectMany(p => p).ToArray();
}
