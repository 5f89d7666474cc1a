using System.Globalization;

namespace HallDevices.Reporting;

/// <summary>One bar of the waiting-time distribution: tickets whose wait w was FromMinutes ≤ w &lt; ToMinutes.</summary>
/// <param name="FromMinutes">Lower bound, inclusive.</param>
/// <param name="ToMinutes">Upper bound, exclusive; null for the last, open bucket (60+).</param>
/// <param name="Count">Tickets (called at least once) whose wait falls in it.</param>
public sealed record WaitBucket(double FromMinutes, double? ToMinutes, int Count)
{
    /// <summary>The bounds of the buckets in minutes: 0–5, 5–10, 10–15, 15–20, 20–30, 30–45, 45–60, 60+.</summary>
    public static IReadOnlyList<double> Bounds { get; } = [0, 5, 10, 15, 20, 30, 45, 60];

    /// <summary><c>0-5</c>, ..., <c>60+</c> (minutes).</summary>
    public string Label => ToMinutes is { } to
        ? string.Create(CultureInfo.InvariantCulture, $"{FromMinutes}-{to}")
        : string.Create(CultureInfo.InvariantCulture, $"{FromMinutes}+");
}
