using System.Text.Json.Serialization;

namespace HallDevices.Contracts;

/// <summary>
/// The retained <c>hall/{hallId}/guides/{serviceId}</c> message: the service guide (办事指南) a citizen
/// reads before taking a ticket. One message per service keeps the catalogue small (docs/mqtt-api.md).
/// </summary>
/// <param name="HallId">Hall.</param>
/// <param name="ServiceId">Service.</param>
/// <param name="Name">Service name in Chinese.</param>
/// <param name="NameEn">English name, if given.</param>
/// <param name="Materials">What to bring (申请材料), in the hall file's order.</param>
/// <param name="Conditions">Who may apply (受理条件); empty when the hall file lists none.</param>
/// <param name="LegalDays">Statutory time limit (法定办结时限) in working days; 0 = done at the window (即办件).</param>
/// <param name="PromisedDays">The hall's promised time limit (承诺办结时限) in working days; 0 = 即办件.</param>
/// <param name="Fee">What it costs; null = free (不收费).</param>
/// <param name="OneTrip">最多跑一次: one visit at most.</param>
/// <param name="OnlineUrl">Where it can be done fully online (全程网办), or null.</param>
/// <param name="Agency">A village station accepts it and forwards it to the town (代收代办).</param>
public sealed record GuideMessage(
    string HallId,
    string ServiceId,
    string Name,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? NameEn,
    IReadOnlyList<string> Materials,
    IReadOnlyList<string> Conditions,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? LegalDays,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? PromisedDays,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Fee,
    bool OneTrip,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? OnlineUrl,
    bool Agency);
