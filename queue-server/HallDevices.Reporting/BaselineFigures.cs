namespace HallDevices.Reporting;

/// <summary>
/// A service's handling time against its baseline (e.g. the 2019 average): reduction = 1 − mean
/// handling / baseline; met when the reduction is at least <see cref="ReportTargets.HandlingReduction"/>.
/// </summary>
/// <param name="ServiceId">The service.</param>
/// <param name="ServiceName">Its name.</param>
/// <param name="Label">What the baseline is, e.g. <c>2019</c>.</param>
/// <param name="BaselineMinutes">The baseline's mean handling time.</param>
/// <param name="Served">Served tickets of the service in the period.</param>
/// <param name="HandlingMean">Their mean handling time (minutes), null when none was served.</param>
/// <param name="Reduction">1 − HandlingMean / BaselineMinutes; negative when slower than the baseline.</param>
/// <param name="Target">The reduction target.</param>
/// <param name="TimeLimitMinutes">The promised time limit at the window, if the baseline has one.</param>
/// <param name="WithinLimitShare">Served tickets handled within the time limit, over served; null without a limit or a served ticket.</param>
public sealed record BaselineFigures(
    string ServiceId,
    string ServiceName,
    string Label,
    double BaselineMinutes,
    int Served,
    double? HandlingMean,
    double? Reduction,
    double Target,
    double? TimeLimitMinutes,
    double? WithinLimitShare)
{
    /// <summary>True when the reduction met the target, false when not, null with nothing served.</summary>
    public bool? Met => Reduction is { } r ? r >= Target - 1e-9 : null;
}
