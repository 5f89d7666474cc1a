using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using HallDevices.Display.Board;
using HallDevices.Display.Voice;

namespace HallDevices.Display.Output;

/// <summary>
/// The HTTP board for smart-TV browsers: a page showing <c>/board.png</c>, reloaded when
/// <c>/events</c> (server-sent events) announces a new frame. Browsers without EventSource fall back
/// to reloading every few seconds.
/// </summary>
internal static class BoardPage
{
    private const string Html = """
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>叫号屏</title>
        <style>
          html, body { margin: 0; height: 100%; background: #0b1f3a; overflow: hidden; }
          #board { display: block; width: 100vw; height: 100vh; object-fit: contain; }
        </style>
        </head>
        <body>
        <img id="board" src="board.png" alt="叫号屏">
        <script>
          // ES5 on purpose: smart-TV browsers are old. The next frame loads off-screen and replaces
          // the shown one only when complete, so the screen never flashes empty.
          var img = document.getElementById('board');
          function show(n) {
            var next = new Image();
            next.onload = function () { img.src = next.src; };
            next.src = 'board.png?n=' + n;
          }
          if (window.EventSource) {
            new EventSource('events').addEventListener('frame', function (e) { show(e.data); });
          } else {
            setInterval(function () { show(new Date().getTime()); }, 5000);
          }
        </script>
        </body>
        </html>
        """;

    public static void MapBoardPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => Results.Content(Html, "text/html; charset=utf-8"));
        app.MapGet("/board.png", (PngOutput png, HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "no-store";
            return png.Latest is { } frame ? Results.Bytes(frame.Png, "image/png") : Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        });
        app.MapGet("/events", (PngOutput png, CancellationToken ct) => TypedResults.ServerSentEvents(Frames(png, ct)));
        app.MapGet("/health", (BoardState state, VoiceService voice, PngOutput png) =>
        {
            var view = state.Snapshot();
            return Results.Ok(new
            {
                status = "ok",
                app = "display",
                link = view.Link.ToString().ToLowerInvariant(),
                lastGoodAt = view.LastGoodAt,
                frames = png.Latest?.Sequence ?? 0,
                framesDropped = png.Dropped,
                voice = voice.Status,
            });
        });
    }

    private static async IAsyncEnumerable<SseItem<string>> Frames(PngOutput png, [EnumeratorCancellation] CancellationToken ct)
    {
        // The current frame first, so a page that connects late shows the board at once.
        var after = Math.Max(0, (png.Latest?.Sequence ?? 0) - 1);
        while (!ct.IsCancellationRequested)
        {
            PngFrame frame;
            try
            {
                frame = await png.NextAsync(after, ct);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }

            after = frame.Sequence;
            yield return new SseItem<string>(frame.Sequence.ToString(CultureInfo.InvariantCulture), "frame");
        }
    }
}
