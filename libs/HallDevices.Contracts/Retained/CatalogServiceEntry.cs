using System.Text.Json.Serialization;

namespace HallDevices.Contracts;

/// <summary>A service of the catalogue.</summary>
/// <param name="Id">Service id.</param>
/// <param name="Name">Display name.</param>
/// <param name="QueueId">Queue its tickets wait in.</param>
/// <param name="NeedsIdCard">True when a ticket needs the resident ID card.</param>
/// <param name="AppointmentAllowed">True when it can be booked.</param>
/// <param name="DailyLimitPerPerson">Tickets one person may take per day; left out when unlimited.</param>
/// <param name="DailyCapacity">Tickets the hall handles per day; left out when unlimited.</param>
public sealed record CatalogServiceEntry(
    string Id,
    string Name,
    string QueueId,
    bool NeedsIdCard,
    bool AppointmentAllowed,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? DailyLimitPerPerson,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? DailyCapacity)
{
    /// <summary>English name; left out when the hall file gives none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? NameEn { get; init; }

    /// <summary>The category it is listed under (a category without children).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CategoryId { get; init; }

    /// <summary>The name's pinyin initials pattern for search (<see cref="PinyinInitials"/>), e.g. <c>sbk</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Initials { get; init; }

    /// <summary>最多跑一次: one visit at most.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool OneTrip { get; init; }

    /// <summary>Can be done fully online (全程网办); the guide has the link.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Online { get; init; }

    /// <summary>A village station accepts it for the town (代收代办).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Agency { get; init; }
}
