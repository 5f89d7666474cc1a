using HallDevices.Contracts;
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
                ? Results.Json(book.For(hallId).Select(d => InHallTime(h, d)).ToArray(), DashboardJsonContext.Web.DeviceHealthArray)
                : NotFound(hallId));

        hall.MapGet("/alerts", (string hallId, HallRegistry halls, DeviceHealthBook book, HallClock clock, IOptions<DashboardOptions> options) =>
            halls.Find(hallId) is { } h
                ? Results.Json(
                    HallAlerts.For(h.Hall, h.Engine.Counters(), h.Engine.Queues(), book.For(hallId), clock.Time.GetUtcNow(), options.Value).ToArray(),
                    DashboardJsonContext.Web.HallAlertArray)
                : NotFound(hallId));

        return hall;
    }

    // The hall's offset, as every time the server writes (tickets, events, counter states).
    private static DeviceHealth InHallTime(HallRuntime hall, DeviceHealth d) => d with
    {
        Since = TimeZoneInfo.ConvertTime(d.Since, hall.Hall.TimeZone),
        UpdatedAt = TimeZoneInfo.ConvertTime(d.UpdatedAt, hall.Hall.TimeZone),
    };

    // The same body as HallApi's: a client handles one error shape.
    private static IResult NotFound(string hallId) =>
        Results.Json(Reply.Fail(ErrorCodes.UnknownHall, $"no hall '{hallId}' on this server"), ContractJson.Options, statusCode: StatusCodes.Status404NotFound);
}
