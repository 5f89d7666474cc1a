namespace HallDevices.Queueing.Halls;

/// <summary>
/// A service's reference figures, e.g. its 2019 average: reports show the handling time's
/// reduction against it and whether the target (−20% by default) is met.
/// </summary>
/// <param name="Label">What the figures are, e.g. <c>2019</c>.</param>
/// <param name="HandlingMinutes">The reference mean handling time at the window, in minutes.</param>
/// <param name="TimeLimitMinutes">The promised time limit at the window, in minutes, if any: reports show the share handled within it.</param>
public sealed record ServiceBaseline(string Label, double HandlingMinutes, double? TimeLimitMinutes);
