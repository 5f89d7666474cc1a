using System.Net;
using HallDevices.QueueServer.Halls;
using HallDevices.QueueServer.Http.Access;
using HallDevices.QueueServer.Staff;

namespace HallDevices.QueueServer.Http;

/// <summary>
/// <c>GET /dashboard</c> (<c>?hall=</c>, <c>?lang=en</c>): the hall manager dashboard
/// (wwwroot/dashboard/), for hall managers and district viewers. Anyone not signed in is sent to
/// the sign-in page, which brings them back; window staff and integrators get a page that says who
/// the dashboard is for. The page itself holds nothing secret — it reads <c>/staff/session</c> and
/// the live feed, and the API decides what it may do (only managers may reprint).
/// </summary>
public static class DashboardPage
{
    private const string File = "dashboard/index.html";

    /// <summary>Maps the page.</summary>
    public static IEndpointRouteBuilder MapDashboardPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/dashboard", (HttpContext http, IWebHostEnvironment env, HallRegistry halls, string? lang, string? hall) =>
        {
            var en = StaffPages.English(http, lang); // remembers ?lang= in the cookie the page and the login page read
            var user = http.User;
            if (user.Id() is null)
            {
                return StaffPages.SignInFirst(http, en);
            }

            // An integrator's key is not a person at a screen: it gets the same answer as window staff.
            if (!user.IsCookieSession() || user.Role() is not (StaffRoles.HallManager or StaffRoles.DistrictViewer))
            {
                return Refusal(en, StatusCodes.Status403Forbidden, "仅限大厅主任和区县查看人员使用", "For hall managers and district viewers",
                    "管理看板供大厅主任和区县查看人员使用。窗口工作人员请使用窗口工作台。",
                    "The dashboard is for hall managers and district viewers. Window staff work at the window console.");
            }

            if (hall is { Length: > 0 } asked)
            {
                if (halls.Find(asked) is null)
                {
                    return Refusal(en, StatusCodes.Status404NotFound, "没有这个大厅", "No such hall",
                        $"本服务器没有大厅“{asked}”。", $"This server runs no hall '{asked}'.");
                }

                if (!user.InHall(asked))
                {
                    return Refusal(en, StatusCodes.Status403Forbidden, "不是您的大厅", "Not your hall",
                        $"您的账号不能查看大厅“{asked}”。", $"Your account may not see hall '{asked}'.");
                }
            }

            return StaffPages.StaticPage(http, env, File);
        }).ExcludeFromDescription(); // a staff page for the browser (302 to sign-in without a session), not an API
        return app;
    }

    // A plain page, not the error JSON: a person opened it in a browser.
    private static IResult Refusal(bool en, int status, string titleZh, string titleEn, string textZh, string textEn)
    {
        string T(string zh, string english) => WebUtility.HtmlEncode(en ? english : zh);
        var html = $$"""
            <!doctype html><html lang="{{(en ? "en" : "zh-CN")}}"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width,initial-scale=1">
            <title>{{T(titleZh, titleEn)}}</title>
            <link rel="stylesheet" href="/dashboard/dashboard.css"></head>
            <body class="refusal"><main>
            <h1>{{T(titleZh, titleEn)}}</h1>
            <p class="refusal-text" role="alert">{{T(textZh, textEn)}}</p>
            <p class="refusal-links"><a href="/console" data-testid="to-console">{{T("前往窗口工作台", "Go to the window console")}}</a>
            <a href="/staff/login?returnUrl=%2Fdashboard">{{T("换一个账号登录", "Sign in with another account")}}</a>
            <a href="/dashboard?lang={{(en ? "zh" : "en")}}">{{(en ? "中文" : "English")}}</a></p>
            </main></body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }
}
