using HallDevices.QueueServer.Http.Access;

namespace HallDevices.QueueServer.Http;

/// <summary>
/// <c>GET /console</c>: the window console (wwwroot/console/), for a signed-in staff session; anyone
/// else is sent to the sign-in page, which brings them back here. The page itself holds nothing
/// secret — it reads <c>/staff/session</c> and the live feed, and the API decides what it may do.
/// </summary>
public static class ConsolePage
{
    private const string File = "console/index.html";

    /// <summary>Maps the page.</summary>
    public static IEndpointRouteBuilder MapConsolePage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/console", (HttpContext http, IWebHostEnvironment env, string? lang) =>
        {
            var en = StaffPages.English(http, lang); // remembers ?lang= in the cookie the page and the login page read
            if (!http.User.IsCookieSession())
            {
                return StaffPages.SignInFirst(http, en);
            }

            return StaffPages.StaticPage(http, env, File);
        }).ExcludeFromDescription(); // a staff page for the browser (302 to sign-in without a session), not an API
        return app;
    }
}
