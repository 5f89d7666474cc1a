using System.Globalization;
using System.Net;
using System.Text;
using HallDevices.Contracts;
using HallDevices.Hosting;
using HallDevices.Queueing.Evaluation;
using HallDevices.Queueing.Tickets;
using HallDevices.QueueServer.Evaluation;
using HallDevices.QueueServer.Halls;
using HallDevices.QueueServer.Http.Access;

namespace HallDevices.QueueServer.Http;

/// <summary>
/// The page a citizen opens from the QR code on the ticket (<c>/t/{hallId}/{number}?k={token}</c>):
/// where the ticket stands, refreshed every 15 seconds while it waits; once finished, with the
/// ticket's token, a form to rate the service (一事一评) posting to
/// <c>POST /t/{hallId}/{number}/evaluation?k=</c> until the hall's window closes. Plain HTML, no
/// script, readable on any phone; Chinese, English with <c>?lang=en</c> (remembered in a cookie, so
/// the page the rating's 303 comes back to keeps the language).
/// </summary>
public static class TrackingPage
{
    /// <summary>Maps the page.</summary>
    public static IEndpointRouteBuilder MapTrackingPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/t/{hallId}/{number}", (string hallId, string number, string? k, string? level, string? error, string? lang, HttpContext http, HallRegistry halls, HallRequests requests, HallClock clock) =>
        {
            var en = StaffPages.English(http, lang);
            var t = en ? TrackingTexts.En : TrackingTexts.Zh;
            var hall = halls.Find(hallId);
            var self = new Link(hallId, number, string.IsNullOrEmpty(k) ? null : k);

            // With a token, the page is that ticket's: today's, or one finished yesterday still open
            // to rating (today's ticket of the same number is somebody else's).
            Ticket? own = null;
            if (hall is not null && self.Token is not null && (own = EvaluationRequests.FindOnline(hall, number, self.Token)) is null)
            {
                var body = $"<p class=\"big\">{E(number)}</p><p>{t.LinkInvalid}</p><p><a href=\"{E(self.WithoutToken())}\">{t.LinkByNumber}</a></p>";
                return Html(Page(t, t.LinkInvalidTitle, body, self, refresh: false), StatusCodes.Status404NotFound);
            }

            var info = hall is null ? null
                : own is not null && hall.Engine.FindTicket(number)?.Id != own.Id ? requests.ToInfo(hall, own, 0, 0)
                : requests.Track(hallId, number).Ticket;
            if (hall is null || info is null)
            {
                return Html(Page(t, t.NotFoundTitle, $"<p class=\"big\">{E(number)}</p><p>{t.NotFound}</p>", self, refresh: false), StatusCodes.Status404NotFound);
            }

            var counter = info.CounterId is null ? null : hall.Hall.FindCounter(info.CounterId)?.Name;
            var status = info.Status switch
            {
                "waiting" or "transferred" => t.Waiting(info.WaitingAhead, info.EstimatedWaitMinutes),
                "called" => t.Called(E(counter ?? info.CounterId!)),
                "finished" => t.Finished,
                "no-show" => t.NoShow,
                "voided" => t.Voided,
                _ => E(info.Status),
            };

            // Waiting or called, the page follows the queue; with a form on it, a refresh would wipe what the citizen chose.
            var refresh = info.Status is "waiting" or "transferred" or "called";
            var html = new StringBuilder()
                .Append("<p class=\"hall\">").Append(E(hall.Hall.Name)).Append("</p>")
                .Append("<p class=\"big\">").Append(E(info.Number)).Append("</p>")
                .Append("<p>").Append(E(info.ServiceName)).Append("</p>")
                .Append("<p class=\"status\">").Append(status).Append("</p>");
            if (own is not null)
            {
                html.Append(Rating(hall, own, t, en, self, level, error, clock.Time.GetUtcNow()));
            }

            if (hall.Hall.FindService(info.ServiceId) is { } service)
            {
                // Open while the citizen waits (what to have ready); folded once the page is about the rating.
                html.Append(GuideSection.Html(hall.Hall, service, en, open: refresh));
            }

            html.Append("<p class=\"small\">").Append(t.Issued(info.IssuedAt.ToString("HH:mm", CultureInfo.InvariantCulture), refresh)).Append("</p>");
            return Html(Page(t, t.Title(info.Number), html.ToString(), self, refresh), StatusCodes.Status200OK);
        })
            .Describe(ApiDocs.Tags.Tickets, "The citizen's tracking page (HTML)", "Public. The page the receipt's QR code and the platform's link open: with `k` (the ticket's token) the ticket's state, place and rating form; "
                + "without it only the public state of that number. `lang=en` for English. 404 page for an unknown hall, ticket or token. Documented because integrators link to it; it is a page, not JSON.")
            .Produces(200, contentType: "text/html").Produces(404, contentType: "text/html");
        return app;
    }

    /// <summary>The rating part of a ticket's own page (with its token): the form, or what became of the rating.</summary>
    private static string Rating(HallRuntime hall, Ticket ticket, TrackingTexts t, bool en, Link self, string? level, string? error, DateTimeOffset now)
    {
        string Name(EvaluationLevel l) => E(en ? EvaluationLevels.EnglishName(l) : EvaluationLevels.ChineseName(l));
        var html = new StringBuilder("<section class=\"rate\" data-testid=\"rating\">");
        if (ticket.Status != TicketStatus.Finished)
        {
            return ticket.Status is TicketStatus.Waiting or TicketStatus.Transferred or TicketStatus.Called
                ? html.Append("<p class=\"small\">").Append(t.RateAfterFinish).Append("</p></section>").ToString()
                : string.Empty;
        }

        if (error is { Length: > 0 } code && ticket.Score is null)
        {
            html.Append("<p class=\"error\" role=\"alert\" data-code=\"").Append(E(code)).Append("\">")
                .Append(t.Errors.TryGetValue(code, out var said) ? said : t.OtherError).Append("</p>");
        }

        if (ticket.Score is { } score)
        {
            return html.Append("<p class=\"done\" data-state=\"rated\" data-score=\"").Append(score.ToString(CultureInfo.InvariantCulture)).Append("\">")
                .Append(t.Rated(Name((EvaluationLevel)score))).Append("</p></section>").ToString();
        }

        var closes = hall.Engine.RatingClosesAt(ticket);
        if (closes is null || now >= closes)
        {
            return html.Append("<p class=\"done\" data-state=\"closed\">").Append(t.Closed).Append("</p></section>").ToString();
        }

        html.Append("<h2>").Append(t.RateTitle).Append("</h2>");
        var action = E(self.Evaluation());
        if (int.TryParse(level, NumberStyles.None, CultureInfo.InvariantCulture, out var bad) && EvaluationLevels.IsBad(bad))
        {
            // A bad level asks why: the hall's reasons as checkboxes and the citizen's own words.
            html.Append("<form method=\"post\" action=\"").Append(action).Append("\" class=\"reasons\">")
                .Append("<input type=\"hidden\" name=\"score\" value=\"").Append(bad.ToString(CultureInfo.InvariantCulture)).Append("\">")
                .Append("<p>").Append(t.ReasonsTitle(Name((EvaluationLevel)bad))).Append("</p>");
            foreach (var reason in hall.Hall.Evaluation.Reasons)
            {
                html.Append("<label class=\"reason\"><input type=\"checkbox\" name=\"reasonIds\" value=\"").Append(E(reason.Id)).Append("\"> ")
                    .Append(E(en ? reason.NameEn : reason.Name)).Append("</label>");
            }

            html.Append("<label class=\"text\">").Append(t.ReasonText)
                .Append("<textarea name=\"reasonText\" rows=\"3\" maxlength=\"").Append(EvaluationPolicy.MaxReasonTextLength.ToString(CultureInfo.InvariantCulture)).Append("\"></textarea></label>")
                .Append("<button type=\"submit\" class=\"level bad\">").Append(t.Submit).Append("</button> ")
                .Append("<a href=\"").Append(E(self.Url())).Append("\">").Append(t.ChooseAgain).Append("</a></form>");
        }
        else
        {
            // A good or middling level is one tap; a bad one opens the reasons first (no script needed).
            html.Append("<form method=\"post\" action=\"").Append(action).Append("\" class=\"levels\">");
            foreach (var l in Enum.GetValues<EvaluationLevel>().OrderDescending())
            {
                var value = ((int)l).ToString(CultureInfo.InvariantCulture);
                html.Append(EvaluationLevels.IsBad((int)l)
                    ? $"<a class=\"level bad\" data-score=\"{value}\" href=\"{E(self.Url("level=" + value))}\">{Name(l)}</a>"
                    : $"<button type=\"submit\" name=\"score\" value=\"{value}\" class=\"level\" data-score=\"{value}\">{Name(l)}</button>");
            }

            html.Append("</form>");
        }

        var until = TimeZoneInfo.ConvertTime(closes.Value, hall.Hall.TimeZone);
        return html.Append("<p class=\"small\">").Append(t.RateUntil(until.ToString("MM-dd HH:mm", CultureInfo.InvariantCulture))).Append("</p></section>").ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static IResult Html(string html, int status) => Results.Content(html, "text/html; charset=utf-8", statusCode: status);

    private static string Page(TrackingTexts t, string title, string body, Link self, bool refresh) => new StringBuilder()
        .Append("<!doctype html><html lang=\"").Append(t.Lang).Append("\"><head><meta charset=\"utf-8\">")
        .Append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
        .Append(refresh ? "<meta http-equiv=\"refresh\" content=\"15\">" : "")
        .Append("<title>").Append(E(title)).Append("</title><style>")
        .Append("body{font-family:sans-serif;text-align:center;margin:2em 1em;color:#222}")
        .Append(".big{font-size:4em;font-weight:bold;margin:.2em 0;color:#b00}.hall{color:#555}.status{font-size:1.3em}.small{color:#888;font-size:.9em}")
        .Append(".lang{position:absolute;top:.8em;right:1em}.rate{max-width:30em;margin:1.5em auto;border-top:1px solid #ddd;padding-top:1em}")
        .Append(".levels{display:grid;gap:.6em}.level{display:block;font-size:1.3em;padding:.7em;border:none;border-radius:.4em;background:#1d6b22;color:#fff;text-decoration:none}")
        .Append(".level.bad{background:#b3151b}.reasons{text-align:left}.reason{display:block;padding:.6em;border:1px solid #ccc;border-radius:.4em;margin:.4em 0;font-size:1.1em}")
        .Append(".text{display:block;margin:.8em 0}.text textarea{display:block;width:100%;box-sizing:border-box;font-size:1em}.reasons .level{width:100%;margin-bottom:.6em}")
        .Append(".done{font-size:1.4em;font-weight:bold}.error{color:#b00}")
        .Append(".guide{max-width:30em;margin:1.5em auto;text-align:left;border-top:1px solid #ddd;padding-top:1em}.guide summary{font-weight:bold;font-size:1.2em}")
        .Append(".guide h3{font-size:1em;margin:.8em 0 .3em}.guide dt{color:#555;margin-top:.4em}.guide dd{margin:0 0 0 1em}.badges{color:#1d6b22;font-weight:bold}")
        .Append("</style></head><body>")
        .Append("<a class=\"lang\" href=\"").Append(E(self.Url("lang=" + t.OtherLangCode))).Append("\">").Append(t.OtherLang).Append("</a>")
        .Append(body).Append("</body></html>")
        .ToString();

    /// <summary>The page's own address, with its token when it has one.</summary>
    private sealed record Link(string HallId, string Number, string? Token)
    {
        private string Path => $"/t/{Uri.EscapeDataString(HallId)}/{Uri.EscapeDataString(Number)}";

        public string Url(string? query = null)
        {
            var parts = new[] { Token is null ? null : "k=" + Uri.EscapeDataString(Token), query }.Where(p => p is not null);
            var q = string.Join('&', parts);
            return q.Length == 0 ? Path : Path + "?" + q;
        }

        public string WithoutToken() => Path;

        public string Evaluation() => $"{Path}/evaluation?k={Uri.EscapeDataString(Token!)}";
    }
}
