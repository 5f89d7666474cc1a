using System.Text.Json.Serialization;

namespace HallDevices.Contracts;

/// <summary>The retained <c>hall/{hallId}/catalog</c> message: one source for every screen and kiosk.</summary>
/// <param name="HallId">Hall.</param>
/// <param name="Name">Hall display name.</param>
/// <param name="TimeZone">IANA time zone of the hall, e.g. <c>Asia/Shanghai</c>.</param>
/// <param name="Queues">Queues in hall-file order.</param>
/// <param name="Services">Services in hall-file order.</param>
/// <param name="Counters">Counters in hall-file order.</param>
public sealed record CatalogMessage(
    string HallId,
    string Name,
    string TimeZone,
    IReadOnlyList<CatalogQueueEntry> Queues,
    IReadOnlyList<CatalogServiceEntry> Services,
    IReadOnlyList<CatalogCounterEntry> Counters)
{
    /// <summary>
    /// Service categories in hall-file order, parents before their children. A hall file without
    /// categories gets one per queue.
    /// </summary>
    public IReadOnlyList<CatalogCategoryEntry> Categories { get => _categories; init => _categories = value ?? []; }

    /// <summary>Services the hall lists first before today's counts exist (hall file <c>frequent</c>).</summary>
    public IReadOnlyList<string> Frequent { get => _frequent; init => _frequent = value ?? []; }

    /// <summary>The online app 全程网办 services point to, or null.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CatalogOnlineApp? OnlineApp { get; init; }

    // A message from an older server has neither list; the source-generated reader then sets null.
    private readonly IReadOnlyList<CatalogCategoryEntry> _categories = [];
    private readonly IReadOnlyList<string> _frequent = [];
}
