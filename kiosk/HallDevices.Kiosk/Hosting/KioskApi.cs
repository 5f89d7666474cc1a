using System.Text.Json;
using HallDevices.Contracts;
using HallDevices.Kiosk.Flows;
using HallDevices.Kiosk.Queue;

namespace HallDevices.Kiosk;

/// <summary>The touch UI's local HTTP API: the page, its state as server-sent events, and taps.</summary>
public static class KioskApi
{
    /// <summary>How the API writes JSON: camelCase, enums as camelCase strings, Chinese unescaped.</summary>
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private sealed record Choice(string? ServiceId, bool? PrintGuide);

    private sealed record ServiceChoice(string? ServiceId);

    private sealed record LanguageChoice(string? Language);

    private sealed record Switch(bool? On);

    /// <summary>Maps the page and the API.</summary>
    public static WebApplication MapKioskApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.MapGet("/health", (MqttQueueClient queue) => Results.Json(new { status = queue.Connected ? "ok" : "degraded", app = "kiosk" }, statusCode: queue.Connected ? 200 : 503));
        app.MapGet("/api/state", (KioskSession session, MqttQueueClient queue) => Results.Json(State(session, queue), Json));
        app.MapGet("/api/events", async (HttpContext http, KioskSession session, MqttQueueClient queue) =>
        {
            // Server-sent events: the screen follows card swipes and scans without polling.
            http.Response.ContentType = "text/event-stream";
            http.Response.Headers.CacheControl = "no-cache";
            // One wake-up for any number of changes: a burst (the retained catalogue, board and
            // guides on every reconnection) is one message with the latest state, not one per change.
            var changed = new SemaphoreSlim(0, 1);
            void Signal()
            {
                try
                {
                    changed.Release();
                }
                catch (SemaphoreFullException)
                {
                    // Already signalled: the next message carries this change too.
                }
                catch (ObjectDisposedException)
                {
                    // The browser went away while a change was being raised.
                }
            }

            void OnView(KioskView _) => Signal();

            // Of the guides only the one on screen travels with the state.
            void OnGuide(string serviceId)
            {
                if (session.View.GuideServiceId == serviceId)
                {
                    Signal();
                }
            }

            session.Changed += OnView;
            queue.CatalogChanged += Signal;
            queue.GuideChanged += OnGuide;
            try
            {
                while (!http.RequestAborted.IsCancellationRequested)
                {
                    await http.Response.WriteAsync($"data: {JsonSerializer.Serialize(State(session, queue), Json)}\n\n", http.RequestAborted);
                    await http.Response.Body.FlushAsync(http.RequestAborted);

                    // Wake on a change, or every 2 s to show a lost or regained server connection.
                    await changed.WaitAsync(TimeSpan.FromSeconds(2), http.RequestAborted);
                }
            }
            catch (OperationCanceledException)
            {
                // The browser went away.
            }
            finally
            {
                session.Changed -= OnView;
                queue.CatalogChanged -= Signal;
                queue.GuideChanged -= OnGuide;
                changed.Dispose();
            }
        });
        app.MapPost("/api/choose", (Choice? choice, KioskSession session, MqttQueueClient queue, IHostApplicationLifetime life, ILogger<KioskSession> log) =>
        {
            if (string.IsNullOrWhiteSpace(choice?.ServiceId))
            {
                return Results.BadRequest(new { error = "serviceId is required" });
            }

            if (queue.FindService(choice.ServiceId) is null)
            {
                return UnknownService(choice.ServiceId);
            }

            // The ticket flow runs on; the page follows it through the event stream.
            var printGuide = choice.PrintGuide ?? false;
            _ = Task.Run(async () =>
            {
                try
                {
                    await session.ChooseAsync(choice.ServiceId, printGuide, life.ApplicationStopping);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.LogError(e, "Ticket flow for {ServiceId} failed", choice.ServiceId);
                }
            });
            return Results.Accepted();
        });
        app.MapPost("/api/cancel", (KioskSession session) =>
        {
            session.Cancel();
            return Results.NoContent();
        });
        app.MapPost("/api/language", (LanguageChoice? body, KioskSession session) =>
        {
            session.SetLanguage(body?.Language ?? "zh");
            return Results.NoContent();
        });
        app.MapPost("/api/guide", (ServiceChoice? body, KioskSession session) =>
        {
            if (string.IsNullOrWhiteSpace(body?.ServiceId))
            {
                return Results.BadRequest(new { error = "serviceId is required" });
            }

            return session.OpenGuide(body.ServiceId) ? Results.NoContent()
                : session.View.Screen == KioskScreen.Working ? Results.Conflict(new { error = "busy", message = "a ticket is being printed" })
                : UnknownService(body.ServiceId);
        });
        app.MapPost("/api/browse", (KioskSession session) =>
        {
            session.CloseGuide();
            return Results.NoContent();
        });
        app.MapPost("/api/elderly", (Switch? body, KioskSession session) =>
        {
            if (body?.On is not { } on)
            {
                return Results.BadRequest(new { error = "on (true or false) is required" });
            }

            session.SetElderly(on);
            return Results.NoContent();
        });
        app.MapPost("/api/speak", (ServiceChoice? body, ReadAloud reader) =>
        {
            if (string.IsNullOrWhiteSpace(body?.ServiceId))
            {
                return Results.BadRequest(new { error = "serviceId is required" });
            }

            // The voice runs on; the newest 朗读 replaces what is being said.
            return reader.Speak(body.ServiceId) ? Results.Accepted() : UnknownService(body.ServiceId);
        });
        app.MapPost("/api/touch", (KioskSession session) =>
        {
            session.Touch();
            return Results.NoContent();
        });
        app.MapCatalogApi();
        return app;
    }

    private static IResult UnknownService(string serviceId) =>
        Results.NotFound(new { error = ErrorCodes.UnknownService, message = $"the catalogue has no service {serviceId}" });

    private static object State(KioskSession session, MqttQueueClient queue)
    {
        var view = session.View;
        return new
        {
            view,
            catalog = queue.Catalog,

            // Only the guide on screen travels with the state: all 127 would make every event large.
            guide = view.GuideServiceId is { } id ? queue.FindGuide(id) : null,
            connected = queue.Connected,
        };
    }
}
