using System.Globalization;
using System.Net;
using System.Text;
using HallDevices.Queueing.Halls;

namespace HallDevices.QueueServer.Http;

/// <summary>
/// A service's guide (办事指南) as a section of the tracking page: what to bring, how long it takes,
/// what it costs, 最多跑一次 and where it can be done online. Plain HTML, like the page.
/// </summary>
internal static class GuideSection
{
    public static string Html(HallDefinition hall, ServiceDefinition service, bool en, bool open)
    {
        if (service.Guide is not { } g)
        {
            return string.Empty;
        }

        var html = new StringBuilder("<details class=\"guide\" data-testid=\"guide\"").Append(open ? " open" : "").Append("><summary>")
            .Append(en ? "Service guide" : "办事指南").Append("</summary>");
        var badges = new List<string>();
        if (g.OneTrip)
        {
            badges.Add(en ? "At most one trip" : "最多跑一次");
        }

        if (g.Agency)
        {
            badges.Add(en ? "Accepted at village stations" : "村代办点可代收代办");
        }

        if (badges.Count > 0)
        {
            html.Append("<p class=\"badges\">").AppendJoin(" · ", badges.Select(E)).Append("</p>");
        }

        html.Append("<h3>").Append(en ? "What to bring" : "申请材料").Append("</h3><ol class=\"materials\">");
        foreach (var m in g.Materials)
        {
            html.Append("<li>").Append(E(m)).Append("</li>");
        }

        html.Append("</ol>");
        if (g.Conditions.Count > 0)
        {
            html.Append("<h3>").Append(en ? "Who may apply" : "受理条件").Append("</h3><ul>");
            foreach (var c in g.Conditions)
            {
                html.Append("<li>").Append(E(c)).Append("</li>");
            }

            html.Append("</ul>");
        }

        html.Append("<dl>");
        if (g.LegalDays is { } legal)
        {
            Row(html, en ? "Legal time limit" : "法定办结时限", Days(legal, en));
        }

        if (g.PromisedDays is { } promised)
        {
            Row(html, en ? "Promised time limit" : "承诺办结时限", Days(promised, en));
        }

        Row(html, en ? "Fee" : "收费标准", g.Fee ?? (en ? "Free" : "不收费"));
        html.Append("</dl>");
        if (g.OnlineUrl is { } url)
        {
            var app = hall.OnlineApp is { } a ? (en ? a.NameEn ?? a.Name : a.Name) : null;
            html.Append("<p class=\"online\" data-testid=\"online\">")
                .Append(en ? "Can be done fully online" : "可全程网办").Append(app is null ? "" : (en ? $" in {E(app)}" : $"（{E(app)}）"))
                .Append(": <a href=\"").Append(E(url)).Append("\">").Append(E(url)).Append("</a></p>");
        }

        return html.Append("</details>").ToString();
    }

    /// <summary>0 working days is a case done at the window (即办件).</summary>
    private static string Days(int days, bool en) => days == 0
        ? (en ? "Done on the spot" : "即办")
        : en ? string.Create(CultureInfo.InvariantCulture, $"{days} working day{(days == 1 ? "" : "s")}") : string.Create(CultureInfo.InvariantCulture, $"{days} 个工作日");

    private static void Row(StringBuilder html, string label, string value) =>
        html.Append("<dt>").Append(E(label)).Append("</dt><dd>").Append(E(value)).Append("</dd>");

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
