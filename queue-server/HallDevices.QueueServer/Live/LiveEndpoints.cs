using HallDevices.QueueServer.Halls;
using HallDevices.QueueServer.Http;
using HallDevices.QueueServer.Http.Access;

namespace HallDevices.QueueServer.Live;

/// <summary>
/// <c>GET /api/halls/{hallId}/live</c>: the hall's snapshot as Server-Sent Events — one at once,
/// another after every change, and one every <see cref="Heartbeat"/> so waits and alerts stay
/// current and a dead connection is noticed. <c>GET /api/halls/{hallId}/snapshot</c> is the same, once.
/// </summary>
public static class LiveEndpoints
{
    /// <summary>Longest quiet time on the stream.</summary>
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    private static readonly byte[] DataPrefix = "data: "u8.ToArray();
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();

    /// <summary>Maps the two endpoints (any staff role of the hall, district viewers).</summary>
    public static IEndpointRouteBuilder MapLiveEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/halls/{hallId}/snapshot", (string hallId, HttpContext http, HallRegistry halls, HallLiveFeed feed) =>
            halls.Find(hallId) is { } hall
                ? Results.Bytes(feed.Current(hall, TimeSpan.Zero, Oversees(http, hallId)).Json, "application/json")
                : HallApi.NotFound(hallId))
            .RequireHall(HallPermission.View)
            .Describe(ApiDocs.Tags.Live, "The hall's live state, once", "Any staff session of the hall, or a district viewer; not an integrator key. Queues, counters, waiting tickets, the day's figures (ratings only for those who oversee). 404 `unknown-hall`.")
            .Produces(200, contentType: "application/json").Secured(apiKey: false).Refusals(404);

        app.MapGet("/api/halls/{hallId}/live", async (string hallId, HttpContext http, HallRegistry halls, HallLiveFeed feed) =>
        {
            if (halls.Find(hallId) is not { } hall)
            {
                return HallApi.NotFound(hallId);
            }

            // The session is checked once per request, and this one lasts: it ends when the session
            // would (expiry, password or role changed, account gone), and the page reconnects with
            // whatever session it has by then. It also ends when the server stops.
            var session = await SessionCheck.ForAsync(http);
            var oversee = Oversees(http, hallId);
            var lifetime = http.RequestServices.GetRequiredService<IHostApplicationLifetime>();
            using var ending = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
            var aborted = ending.Token;
            var response = http.Response;
            response.ContentType = "text/event-stream";
            response.Headers.CacheControl = "no-store";
            response.Headers["X-Accel-Buffering"] = "no";
            try
            {
                long sent = -1;
                while (!aborted.IsCancellationRequested && session.StillValid())
                {
                    var (version, json) = feed.Current(hall, Heartbeat, oversee);
                    await response.Body.WriteAsync(DataPrefix, aborted);
                    await response.Body.WriteAsync(json, aborted);
                    await response.Body.WriteAsync(EventEnd, aborted);
                    await response.Body.FlushAsync(aborted);
                    sent = version;
                    await feed.WaitAsync(hallId, sent, Heartbeat, aborted);
                }
            }
            catch (OperationCanceledException) when (aborted.IsCancellationRequested)
            {
                // The page went away.
            }

            return Results.Empty;
        }).RequireHall(HallPermission.View)
            .Describe(ApiDocs.Tags.Live, "The hall's live state as Server-Sent Events", "As the snapshot, as `text/event-stream`: one event at once, another after every change and one every 15 s; ends when the session would. 404 `unknown-hall`.")
            .Produces(200, contentType: "text/event-stream").Secured(apiKey: false).Refusals(404);
        return app;
    }

    private static bool Oversees(HttpContext http, string hallId) => HallAccess.Allows(http.User, hallId, null, HallPermission.Oversee);
}
