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
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? DailyCapacity);
