using System.Net;
using System.Text;
using HallDevices.QueueServer.Halls;

namespace HallDevices.QueueServer.Http;

/// <summary>
/// The page a citizen opens from the QR code on the ticket (<c>/t/{hallId}/{number}</c>): where the
/// ticket stands, refreshed every 15 seconds. Plain HTML, no script, readable on any phone.
/// </summary>
public static class TrackingPage
{
    /// <summary>Maps the page.</summary>
    public static IEndpointRouteBuilder MapTrackingPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/t/{hallId}/{number}", (string hallId, string number, HallRegistry halls, HallRequests requests) =>
        {
            var reply = requests.Track(hallId, number);
            var hall = halls.Find(hallId);
            if (!reply.Ok || hall is null || reply.Ticket is not { } t)
            {
                return Results.Content(Page("未找到票号", $"<p class=\"big\">{E(number)}</p><p>今天没有这个号码，请向大厅引导台咨询。</p>"), "text/html; charset=utf-8", statusCode: 404);
            }

            var counter = t.CounterId is null ? null : hall.Hall.FindCounter(t.CounterId)?.Name;
            var status = t.Status switch
            {
                "waiting" or "transferred" => $"等待中，前面还有 <b>{t.WaitingAhead}</b> 人，预计等待约 <b>{t.EstimatedWaitMinutes}</b> 分钟",
                "called" => $"请到 <b>{E(counter ?? t.CounterId!)}</b> 办理",
                "finished" => "已办结，感谢您的耐心",
                "no-show" => "已过号，请到引导台重新排队",
                "voided" => "此号已作废",
                _ => E(t.Status),
            };
            var body = $"""
                <p class="hall">{E(hall.Hall.Name)}</p>
                <p class="big">{E(t.Number)}</p>
                <p>{E(t.ServiceName)}</p>
                <p class="status">{status}</p>
                <p class="small">取号时间 {t.IssuedAt:HH:mm} · 页面每 15 秒自动刷新</p>
                """;
            return Results.Content(Page($"{t.Number} 排队进度", body), "text/html; charset=utf-8");
        });
        return app;
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Page(string title, string body) => new StringBuilder()
        .Append("<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">")
        .Append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><meta http-equiv=\"refresh\" content=\"15\">")
        .Append("<title>").Append(E(title)).Append("</title><style>")
        .Append("body{font-family:sans-serif;text-align:center;margin:2em 1em;color:#222}")
        .Append(".big{font-size:4em;font-weight:bold;margin:.2em 0;color:#b00}.hall{color:#555}.status{font-size:1.3em}.small{color:#888;font-size:.9em}")
        .Append("</style></head><body>").Append(body).Append("</body></html>")
        .ToString();
}
