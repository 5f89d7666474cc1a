namespace HallDevices.Queueing.Halls;

/// <summary>A service's guide (办事指南, hall file <c>services[i].guide</c>): what the citizen reads before taking a ticket.</summary>
/// <param name="Materials">What to bring (申请材料); at least one.</param>
/// <param name="Conditions">Who may apply (受理条件); may be empty.</param>
/// <param name="LegalDays">Statutory time limit in working days (法定办结时限), 0 for 即办件, null when not given.</param>
/// <param name="PromisedDays">The hall's promised time limit in working days (承诺办结时限), never above <paramref name="LegalDays"/>.</param>
/// <param name="Fee">What it costs, or null when free (不收费).</param>
/// <param name="OneTrip">最多跑一次: the citizen comes at most once.</param>
/// <param name="OnlineUrl">Where it can be done fully online (全程网办), or null.</param>
/// <param name="Agency">A village station accepts it and forwards it to the town (代收代办).</param>
public sealed record ServiceGuide(
    IReadOnlyList<string> Materials,
    IReadOnlyList<string> Conditions,
    int? LegalDays,
    int? PromisedDays,
    string? Fee,
    bool OneTrip,
    string? OnlineUrl,
    bool Agency);
