using HallDevices.Contracts;
using HallDevices.Queueing.Halls;

namespace HallDevices.QueueServer.Mqtt;

/// <summary>
/// The hall file as the retained catalogue and guides say it. The catalogue carries what a kiosk needs
/// to list and search 127 services; each guide (materials, conditions...) is its own retained message,
/// so the catalogue stays well under the broker's payload limit (docs/mqtt-api.md).
/// </summary>
public static class CatalogMessages
{
    /// <summary>The retained <c>catalog</c> message of a hall.</summary>
    public static CatalogMessage Catalog(HallDefinition def)
    {
        ArgumentNullException.ThrowIfNull(def);
        return new CatalogMessage(
            def.Id,
            def.Name,
            def.TimeZone.Id,
            [.. def.Queues.Select(q => new CatalogQueueEntry(q.Id, q.Prefix, q.Name))],
            [.. def.Services.Select(Service)],
            [.. def.Counters.Select(c => new CatalogCounterEntry(c.Id, c.Name, c.Fallback, [.. def.QueuesServedBy(c).Select(q => new CatalogCounterQueue(q.QueueId, q.Weight))]))])
        {
            Categories = [.. def.Categories.Select(c => new CatalogCategoryEntry(c.Id, c.Name, c.NameEn, c.ParentId))],
            Frequent = def.Frequent,
            OnlineApp = def.OnlineApp is { } app ? new CatalogOnlineApp(app.Name, app.NameEn, app.Url) : null,
        };
    }

    /// <summary>The retained guide of one service, or null when the hall file gives it none (a kiosk then says so, rather than show an empty guide as free).</summary>
    public static GuideMessage? Guide(HallDefinition def, ServiceDefinition service)
    {
        ArgumentNullException.ThrowIfNull(def);
        ArgumentNullException.ThrowIfNull(service);
        return service.Guide is not { } g ? null
            : new GuideMessage(def.Id, service.Id, service.Name, service.NameEn, g.Materials, g.Conditions, g.LegalDays, g.PromisedDays, g.Fee, g.OneTrip, g.OnlineUrl, g.Agency);
    }

    private static CatalogServiceEntry Service(ServiceDefinition s) =>
        new(s.Id, s.Name, s.QueueId, s.NeedsIdCard, s.AppointmentAllowed, s.DailyLimitPerPerson, s.DailyCapacity)
        {
            NameEn = s.NameEn,
            CategoryId = s.CategoryId,
            Initials = s.Initials,
            OneTrip = s.Guide?.OneTrip ?? false,
            Online = s.Guide?.OnlineUrl is not null,
            Agency = s.Guide?.Agency ?? false,
        };
}
