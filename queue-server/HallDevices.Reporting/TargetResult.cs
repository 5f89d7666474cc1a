namespace HallDevices.Reporting;

/// <summary>One assessed target of a hall (or the district total).</summary>
/// <param name="Id">One of <see cref="ReportTargetIds"/>.</param>
/// <param name="Target">The target, a fraction (0.95 for 95%).</param>
/// <param name="Actual">The hall's figure, a fraction; null when there was nothing to measure.</param>
public sealed record TargetResult(string Id, double Target, double? Actual)
{
    /// <summary>True when met, false when missed, null when not assessed (nothing to measure).</summary>
    public bool? Met => Actual is { } a ? a >= Target - Tolerance : null;

    /// <summary>True when the target was missed (assessed and below target).</summary>
    public bool Missed => Met == false;

    /// <summary>Chinese name, e.g. 评价率.</summary>
    public string Name => ReportTargetIds.ChineseName(Id);

    /// <summary>English name, e.g. evaluation rate.</summary>
    public string NameEn => ReportTargetIds.EnglishName(Id);

    // Fractions are computed in floating point: 19/20 must meet a 0.95 target, not miss it by 1e-16.
    private const double Tolerance = 1e-9;
}
