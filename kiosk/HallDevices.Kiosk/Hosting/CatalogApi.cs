using HallDevices.Kiosk.Catalog;
using HallDevices.Kiosk.Flows;
using HallDevices.Kiosk.Queue;

namespace HallDevices.Kiosk;

/// <summary>The touch UI's look-ups: search the catalogue, draw a QR code.</summary>
public static class CatalogApi
{
    /// <summary>Maps <c>GET /api/search</c> and <c>GET /api/qr</c>.</summary>
    public static WebApplication MapCatalogApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // { "query": q, "services": [ids, best first] }: the page draws the names from the catalogue it has.
        // lang (zh or en, else the screen's language): English names match only in English.
        app.MapGet("/api/search", (string? q, string? lang, MqttQueueClient queue, KioskSession session) =>
        {
            var query = q ?? "";
            var language = lang is "zh" or "en" ? lang : session.View.Language;
            var found = ServiceSearch.Find(queue.Reader.Services, query, queue.Reader.Popularity, language: language);
            return Results.Json(new { query, services = found.Select(s => s.Id).ToList() }, KioskApi.Json);
        });

        // A PNG of the text (a guide's 全程网办 link); the length is bounded so the endpoint draws only small codes.
        app.MapGet("/api/qr", (string? text) =>
        {
            if (string.IsNullOrEmpty(text))
            {
                return Results.BadRequest(new { error = "text is required" });
            }

            if (text.Length > QrImage.MaxTextLength)
            {
                return Results.BadRequest(new { error = $"text is longer than {QrImage.MaxTextLength} characters" });
            }

            return Results.File(QrImage.Png(text), "image/png");
        });
        return app;
    }
}
