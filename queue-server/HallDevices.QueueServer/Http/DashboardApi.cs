using HallDevices.Hosting;
using HallDevices.QueueServer.Dashboard;
using HallDevices.QueueServer.Devices;
using HallDevices.QueueServer.Halls;
using Microsoft.Extensions.Options;

namespace HallDevices.QueueServer.Http;

/// <summary>The hall manager dashboard's read API: device health and alerts of one hall.</summary>
public static class DashboardApi
{
    /// <summary>
    /// Maps <c>GET /api/halls/{hallId}/devices</c> and <c>GET /api/halls/{hallId}/alerts</c> in one
    /// route group, returned so the caller can put one authorization policy on both.
    /// </summary>
    public static RouteGroupBuilder MapDashboardApi(this IEndpointRouteBuilder app)
    {
        var hall = app.MapGroup("/api/halls/{hallId}");

        hall.MapGet("/devices", (string hallId, HallRegistry halls, DeviceHealthBook book) =>
            halls.Find(hallId) is { } h
                ? Results.Json(book.For(hallId).Select(d => d.InZone(h.Hall.TimeZone)).ToArray(), DashboardJsonContext.Web.DeviceHealthArray)
                : HallApi.NotFound(hallId))
            .Describe(ApiDocs.Tags.Dashboard, "Device health of a hall", "Hall manager or district viewer session; no integrator key. Each kiosk, screen and printer with its last report and state, in the hall's time zone. 404 `unknown-hall`.")
            .Produces<DeviceHealth[]>(200).Secured(apiKey: false).Refusals(404);

        hall.MapGet("/alerts", (string hallId, HallRegistry halls, DeviceHealthBook book, HallClock clock, IOptions<DashboardOptions> options) =>
            halls.Find(hallId) is { } h
                ? Results.Json(
                    HallAlerts.For(h.Hall, h.Engine.Counters(), h.Engine.Queues(), book.For(hallId), h.Engine.FollowUps(), clock.Time.GetUtcNow(), options.Value).ToArray(),
                    DashboardJsonContext.Web.HallAlertArray)
                : HallApi.NotFound(hallId))
            .Describe(ApiDocs.Tags.Dashboard, "Alerts of a hall", "Hall manager or district viewer session. Long waits, idle counters, devices down and overdue follow-ups, most severe first. 404 `unknown-hall`.")
            .Produces<HallAlert[]>(200).Secured(apiKey: false).Refusals(404);

        return hall;
    }
}
