using System.Net;
using HallDevices.Hosting;
using HallDevices.QueueServer.Staff;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;

namespace HallDevices.QueueServer.Http.Access;

/// <summary>
/// Sign-in and out: <c>GET/POST /staff/login</c> (a plain form with its anti-forgery token),
/// <c>POST /staff/logout</c>, and <c>GET /staff/session</c>, which a page reads for who is signed
/// in and the token its changes must carry.
/// </summary>
public static class StaffPages
{
    /// <summary>Maps the sign-in endpoints.</summary>
    public static IEndpointRouteBuilder MapStaffPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/staff/login", (HttpContext http, IAntiforgery antiforgery, string? returnUrl, string? lang) =>
            LoginPage(http, antiforgery, returnUrl, English(http, lang), null, StatusCodes.Status200OK))
            .ExcludeFromDescription(); // the sign-in form is for people in a browser, with its anti-forgery token: no integration posts it

        app.MapPost("/staff/login", async (HttpContext http, IAntiforgery antiforgery, StaffDirectory staff, HallClock clock, ILogger<StaffDirectory> log) =>
        {
            // Anything but the form (a JSON body, no body) is a bad request, not a 500 from ReadFormAsync.
            if (!http.Request.HasFormContentType)
            {
                return LoginPage(http, antiforgery, null, false, "请使用登录页面登录。 Please sign in with the login form.", StatusCodes.Status400BadRequest);
            }

            IFormCollection form;
            try
            {
                form = await http.Request.ReadFormAsync(http.RequestAborted);
            }
            catch (InvalidDataException)
            {
                return LoginPage(http, antiforgery, null, false, "请使用登录页面登录。 Please sign in with the login form.", StatusCodes.Status400BadRequest);
            }

            var en = form["lang"] == "en";
            var returnUrl = form["returnUrl"].ToString();
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return LoginPage(http, antiforgery, returnUrl, en, en ? "The form expired; please sign in again." : "页面已过期，请重新登录。", StatusCodes.Status400BadRequest);
            }

            var id = form["username"].ToString().Trim().ToLowerInvariant();
            var result = staff.SignIn(id, form["password"].ToString());
            if (!result.Succeeded)
            {
                // Only a well-formed id is logged: a password typed into the name field must not be.
                log.LogInformation("Staff sign-in refused for {StaffId}{Locked}", StaffFile.IsWellFormedId(id) ? id : "(not an account id)", result.LockedUntil is null ? "" : " (locked)");
                var message = result.LockedUntil is { } until
                    ? en ? $"Too many wrong passwords: the account is locked until {Local(until, clock):HH:mm}." : $"密码错误次数过多，账号已锁定至 {Local(until, clock):HH:mm}。"
                    : en ? "Wrong user name or password." : "用户名或密码错误。";
                return LoginPage(http, antiforgery, returnUrl, en, message, StatusCodes.Status401Unauthorized);
            }

            var account = result.Account!;
            await http.SignInAsync(StaffClaims.CookieScheme, StaffClaims.For(account));
            log.LogInformation("Staff {StaffId} signed in as {Role}", account.Id, account.Role);
            var home = account.Role == StaffRoles.WindowStaff ? "/console" : "/dashboard";
            return Results.Redirect(IsLocal(returnUrl) ? returnUrl : home + (en ? "?lang=en" : ""));
        }).RequireRateLimiting(StaffAuthentication.SignInLimit).ExcludeFromDescription();

        app.MapPost("/staff/logout", async (HttpContext http, IAntiforgery antiforgery) =>
        {
            // Signing out is a change too: a foreign page must not be able to end a session.
            if (http.User.Id() is not null && !await antiforgery.IsRequestValidAsync(http))
            {
                return HallAccess.Refusal(StatusCodes.Status403Forbidden, "sign-out needs the session's anti-forgery token");
            }

            await http.SignOutAsync(StaffClaims.CookieScheme);
            return http.Request.HasFormContentType ? Results.Redirect("/staff/login") : Results.NoContent();
        })
            .Describe(ApiDocs.Tags.Staff, "Sign out", "Ends the staff session (with the session's anti-forgery token; 403 without it). 204 for a script, 302 to the sign-in page for a form.")
            .Produces(204).Produces(302).Refusals(403);

        app.MapGet("/staff/session", (HttpContext http, IAntiforgery antiforgery) =>
        {
            if (!http.User.IsCookieSession() || http.User.Account() is not { } account)
            {
                return HallAccess.Refusal(StatusCodes.Status401Unauthorized);
            }

            var tokens = antiforgery.GetAndStoreTokens(http);
            http.Response.Headers.CacheControl = "no-store";
            return Results.Json(new StaffSession(account.Id, account.Name, account.Role, account.Halls, account.Counters, tokens.RequestToken!));
        })
            .Describe(ApiDocs.Tags.Staff, "Who is signed in", "A staff session only (401 `not-signed-in` otherwise, also for a key). The account, its role, halls and counters, and the anti-forgery token the session's changes carry in the RequestVerificationToken header.")
            .Produces<StaffSession>(200).Refusals(401);
        return app;
    }

    /// <summary>To the sign-in page, which brings the browser back to this page (path and query) afterwards.</summary>
    public static IResult SignInFirst(HttpContext http, bool en)
    {
        ArgumentNullException.ThrowIfNull(http);
        var back = http.Request.Path.Value + http.Request.QueryString.Value;
        return Results.Redirect($"/staff/login?returnUrl={WebUtility.UrlEncode(back)}" + (en ? "&lang=en" : ""));
    }

    /// <summary>A staff page from wwwroot, never cached (it is served only to a signed-in session).</summary>
    public static IResult StaticPage(HttpContext http, IWebHostEnvironment env, string file)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(env);
        var page = env.WebRootFileProvider.GetFileInfo(file);
        if (!page.Exists)
        {
            return Results.Problem($"wwwroot/{file} is missing from this installation", statusCode: StatusCodes.Status500InternalServerError);
        }

        http.Response.Headers.CacheControl = "no-store";
        return Results.Stream(page.CreateReadStream(), "text/html; charset=utf-8");
    }

    /// <summary>True when the page should be English (<c>?lang=en</c>, remembered in a cookie), Chinese otherwise.</summary>
    public static bool English(HttpContext http, string? lang)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (lang is "en" or "zh")
        {
            http.Response.Cookies.Append("hall.lang", lang, new CookieOptions { SameSite = SameSiteMode.Strict, HttpOnly = false, MaxAge = TimeSpan.FromDays(365) });
            return lang == "en";
        }

        return http.Request.Cookies["hall.lang"] == "en";
    }

    private static DateTimeOffset Local(DateTimeOffset at, HallClock clock) => at.ToOffset(clock.Time.LocalTimeZone.GetUtcOffset(at));

    // ASP.NET Core's IsLocalUrl rule, and printable ASCII only: a tab or newline that a browser
    // drops ("/\t/evil.example") must not turn a local path into another site.
    private static bool IsLocal(string url) =>
        url.StartsWith('/') && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && url.All(c => c is > ' ' and < (char)0x7f);

    private static IResult LoginPage(HttpContext http, IAntiforgery antiforgery, string? returnUrl, bool en, string? error, int status)
    {
        var token = antiforgery.GetAndStoreTokens(http);
        string T(string zh, string english) => WebUtility.HtmlEncode(en ? english : zh);
        var html = $$"""
            <!doctype html><html lang="{{(en ? "en" : "zh-CN")}}"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width,initial-scale=1">
            <title>{{T("工作人员登录", "Staff sign-in")}}</title>
            <link rel="stylesheet" href="/staff/staff.css"></head>
            <body class="login"><main>
            <h1>{{T("工作人员登录", "Staff sign-in")}}</h1>
            <p class="lang"><a href="/staff/login?lang={{(en ? "zh" : "en")}}&returnUrl={{WebUtility.UrlEncode(returnUrl ?? "")}}">{{(en ? "中文" : "English")}}</a></p>
            {{(error is null ? "" : $"<p class=\"error\" role=\"alert\">{WebUtility.HtmlEncode(error)}</p>")}}
            <form method="post" action="/staff/login">
            <input type="hidden" name="{{token.FormFieldName}}" value="{{WebUtility.HtmlEncode(token.RequestToken)}}">
            <input type="hidden" name="returnUrl" value="{{WebUtility.HtmlEncode(returnUrl ?? "")}}">
            <input type="hidden" name="lang" value="{{(en ? "en" : "zh")}}">
            <label>{{T("用户名", "User name")}}<input name="username" autocomplete="username" required autofocus></label>
            <label>{{T("密码", "Password")}}<input name="password" type="password" autocomplete="current-password" required></label>
            <button type="submit">{{T("登录", "Sign in")}}</button>
            </form></main></body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }
}
