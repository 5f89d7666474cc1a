using HallDevices.Contracts;

namespace HallDevices.Kiosk.Flows;

/// <summary>The hall's catalogue as the kiosk knows it (from the retained <c>catalog</c> and <c>guides/+</c> topics).</summary>
public interface ICatalogSource
{
    /// <summary>Hall name for the ticket header.</summary>
    string HallName { get; }

    /// <summary>A service by id, or null.</summary>
    CatalogService? FindService(string serviceId);

    /// <summary>The latest service guide (办事指南) of a service, or null while none has arrived.</summary>
    GuideMessage? FindGuide(string serviceId);
}

/// <summary>A service of the catalogue.</summary>
/// <param name="Id">Id.</param>
/// <param name="Name">Name.</param>
/// <param name="QueueId">Queue.</param>
/// <param name="NeedsIdCard">Needs an ID card.</param>
/// <param name="AppointmentAllowed">Takes appointments.</param>
public sealed record CatalogService(string Id, string Name, string QueueId, bool NeedsIdCard, bool AppointmentAllowed)
{
    /// <summary>English name, or null (the page then shows <see cref="Name"/>).</summary>
    public string? NameEn { get; init; }

    /// <summary>The category it is listed under (a category without children); the queue when the server sends no categories.</summary>
    public string? CategoryId { get; init; }

    /// <summary>Pinyin initials pattern of the name (<see cref="PinyinInitials"/>), or null from an older server.</summary>
    public string? Initials { get; init; }

    /// <summary>最多跑一次.</summary>
    public bool OneTrip { get; init; }

    /// <summary>全程网办: can be done fully online.</summary>
    public bool Online { get; init; }

    /// <summary>代收代办: a village station accepts it for the town.</summary>
    public bool Agency { get; init; }
}
