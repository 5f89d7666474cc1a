using System.Text.Json;
using HallDevices.Kiosk.Flows;
using HallDevices.Kiosk.Queue;

namespace HallDevices.Kiosk;

/// <summary>The touch UI's local HTTP API: the page, its state as server-sent events, and taps.</summary>
public static class KioskApi
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private sealed record Choice(string? ServiceId);

    private sealed record LanguageChoice(string? Language);

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
            var changed = new SemaphoreSlim(0);
            void Signal() => changed.Release();
            void OnView(KioskView _) => Signal();
            session.Changed += OnView;
            queue.CatalogChanged += Signal;
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
                changed.Dispose();
            }
        });
        app.MapPost("/api/choose", (Choice choice, KioskSession session, IHostApplicationLifetime life, ILogger<KioskSession> log) =>
        {
            if (string.IsNullOrWhiteSpace(choice.ServiceId))
            {
                return Results.BadRequest(new { error = "serviceId is required" });
            }

            // The ticket flow runs on; the page follows it through the event stream.
            _ = Task.Run(async () =>
            {
                try
                {
                    await session.ChooseAsync(choice.ServiceId, life.ApplicationStopping);
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
        app.MapPost("/api/language", (LanguageChoice body, KioskSession session) =>
        {
            session.SetLanguage(body.Language ?? "zh");
            return Results.NoContent();
        });
        return app;
    }

    private static object State(KioskSession session, MqttQueueClient queue) => new
    {
        view = session.View,
        catalog = queue.Catalog,
        connected = queue.Connected,
    };
}
