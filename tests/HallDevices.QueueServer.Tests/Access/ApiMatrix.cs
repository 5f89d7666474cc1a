using System.Text;

namespace HallDevices.QueueServer.Tests.Access;

/// <summary>
/// Who may call what, endpoint by endpoint: the status each kind of caller gets (docs/http-api.md
/// "Who may call what" is this table in words). 401 means <c>not-signed-in</c>, 403 <c>forbidden</c>;
/// any other status means the call got past the access check and is the endpoint's own answer
/// (200, or 404/422 from the engine for a request it refuses).
/// </summary>
internal static class ApiMatrix
{
    private const string Ticket = """{"serviceId":"consultation","channel":"mobile"}""";
    private const string Booking = """{"serviceId":"household-move"}""";
    private const string Rating = """{"ticketNumber":"Z999","score":5}""";

    /// <summary>Every row; an endpoint (method and route pattern) may have several (another hall, say).</summary>
    public static IReadOnlyList<MatrixRow> Rows { get; } =
    [
        // Sign-in: the form is for everyone. Posted without the form's token it is a 400 page; a
        // session's header token stands in for it (so a wrong password is the 401 page). Answers are
        // pages, not the contract's JSON, and a right password would replace the session: fresh ones.
        Row("GET", "/staff/login", "/staff/login", null, 200, 200, 200, 200, 200),
        Row("POST", "/staff/login", "/staff/login", Form, 400, 401, 401, 401, 400) with { FreshSessions = true, Page = true },
        Row("GET", "/staff/session", "/staff/session", null, 401, 200, 200, 200, 401),

        // Signing out ends the caller's session, so each caller gets a fresh one; an API key has none to end.
        Row("POST", "/staff/logout", "/staff/logout", null, 204, 204, 204, 204, 403) with { FreshSessions = true },

        // Public reads: the hall's own screens and integrations read them without an account.
        Row("GET", "/health", "/health", null, 200, 200, 200, 200, 200),
        Row("GET", "/metrics", "/metrics", null, 200, 200, 200, 200, 200),
        // The OpenAPI document and its page: what every integrator is told anyway.
        Row("GET", "/openapi/{documentName}.json", "/openapi/v1.json", null, 200, 200, 200, 200, 200),
        Row("GET", "/api/docs", "/api/docs", null, 200, 200, 200, 200, 200),
        Row("GET", "/api/halls/", "/api/halls", null, 200, 200, 200, 200, 200),
        Row("GET", "/api/halls/{hallId}/queues", "/api/halls/xinqiao/queues", null, 200, 200, 200, 200, 200),
        Row("GET", "/api/halls/{hallId}/counters", "/api/halls/xinqiao/counters", null, 200, 200, 200, 200, 200),
        Row("GET", "/api/halls/{hallId}/tickets/{number}", "/api/halls/xinqiao/tickets/Z999", null, 404, 404, 404, 404, 404),
        Row("GET", "/api/halls/{hallId}/events", "/api/halls/xinqiao/events?limit=5", null, 200, 200, 200, 200, 200),
        Row("GET", "/t/{hallId}/{number}", "/t/xinqiao/Z999", null, 404, 404, 404, 404, 404),
        Row("GET", "/api/halls/{hallId}/evaluation", "/api/halls/xinqiao/evaluation", null, 200, 200, 200, 200, 200),
        Row("GET", "/api/halls/{hallId}/services", "/api/halls/xinqiao/services", null, 200, 200, 200, 200, 200),
        Row("GET", "/api/halls/{hallId}/services/{serviceId}/guide", "/api/halls/xinqiao/services/social-card/guide", null, 200, 200, 200, 200, 200),

        // The live state of the hall: its staff and the district; not integrators.
        Row("GET", "/api/halls/{hallId}/snapshot", "/api/halls/xinqiao/snapshot", null, 401, 200, 200, 200, 403),
        Row("GET", "/api/halls/{hallId}/live", "/api/halls/xinqiao/live", null, 401, 200, 200, 200, 403),
        Row("GET", "/api/halls/{hallId}/snapshot", "/api/halls/dongcun/snapshot", null, 401, 403, 403, 404, 403),

        // The manager's view of the hall: device health and alerts, for managers and the district.
        Row("GET", "/api/halls/{hallId}/devices", "/api/halls/xinqiao/devices", null, 401, 403, 200, 200, 403),
        Row("GET", "/api/halls/{hallId}/alerts", "/api/halls/xinqiao/alerts", null, 401, 403, 200, 200, 403),

        // Reports, charts and the exported log: the hall's managers and the district; another
        // hall's are 403 for a manager, and the district viewer gets past the check to the 404.
        Row("GET", "/api/halls/{hallId}/reports", "/api/halls/xinqiao/reports?format=csv", null, 401, 403, 200, 200, 403),
        Row("GET", "/api/halls/{hallId}/reports", "/api/halls/dongcun/reports", null, 401, 403, 403, 404, 403),
        Row("GET", "/api/halls/{hallId}/reports/charts/{chart}.png", "/api/halls/xinqiao/reports/charts/hourly.png", null, 401, 403, 200, 200, 403),
        Row("GET", "/api/halls/{hallId}/events/export", "/api/halls/xinqiao/events/export", null, 401, 403, 200, 200, 403),

        // The district's bulletin and imports: its viewers only (an empty import gets past the check to invalid-import).
        Row("GET", "/api/districts/{districtId}/bulletin", "/api/districts/songjiang/bulletin?month=2026-11", null, 401, 403, 403, 200, 403),
        Row("POST", "/api/districts/{districtId}/imports", "/api/districts/songjiang/imports", null, 401, 403, 403, 400, 403),

        // The staff pages: without a staff session, to the sign-in page (302); the dashboard's
        // refusal is a page of its own saying why.
        Row("GET", "/console", "/console", null, 302, 200, 200, 200, 302) with { Page = true },
        Row("GET", "/dashboard", "/dashboard", null, 302, 403, 200, 200, 403) with { Page = true },

        // Tickets and bookings: the hall manager (guide desk) and integrators.
        Row("POST", "/api/halls/{hallId}/tickets", "/api/halls/xinqiao/tickets", Json(Ticket), 401, 403, 200, 403, 200),
        Row("POST", "/api/halls/{hallId}/appointments", "/api/halls/xinqiao/appointments", Json(Booking), 401, 403, 200, 403, 200),
        Row("POST", "/api/halls/{hallId}/tickets", "/api/halls/dongcun/tickets", Json(Ticket), 401, 403, 403, 403, 403),

        // Reprint: the hall manager only (an unknown number gets past the check to the engine's 404).
        Row("POST", "/api/halls/{hallId}/tickets/{number}/reprint", "/api/halls/xinqiao/tickets/Z999/reprint", null, 401, 403, 404, 403, 403),

        // Counter actions: its window staff and the hall manager (w1 is closed, so the engine says counter-closed).
        Row("POST", "/api/halls/{hallId}/counters/{counterId}/{action}", "/api/halls/xinqiao/counters/w1/call-next", null, 401, 422, 422, 403, 403),

        // Ratings at the console: window staff only at the counter where they are signed in (staff-w1
        // is not, at w1), the hall manager at any (Z999 gets past the check to the engine's 404).
        Row("POST", "/api/halls/{hallId}/counters/{counterId}/evaluation", "/api/halls/xinqiao/counters/w1/evaluation", Json(Rating), 401, 403, 404, 403, 403),
        Row("GET", "/api/halls/{hallId}/counters/{counterId}/ratings", "/api/halls/xinqiao/counters/w1/ratings", null, 401, 200, 200, 403, 403),

        // The follow-up of bad ratings: the managers' (Z is no case, so past the check it is the engine's 404);
        // window staff appeal only ratings of cases they served, the district reviews.
        Row("GET", "/api/halls/{hallId}/follow-ups", "/api/halls/xinqiao/follow-ups", null, 401, 403, 200, 200, 403),
        Row("POST", "/api/halls/{hallId}/follow-ups/{ticketId}", "/api/halls/xinqiao/follow-ups/Z", Json("""{"step":"call-back"}"""), 401, 403, 404, 403, 403),
        Row("POST", "/api/halls/{hallId}/follow-ups/{ticketId}/appeal", "/api/halls/xinqiao/follow-ups/Z/appeal", Json("""{"reason":"mistaken"}"""), 401, 403, 404, 403, 403),
        Row("POST", "/api/halls/{hallId}/follow-ups/{ticketId}/review", "/api/halls/xinqiao/follow-ups/Z/review", Json("""{"upheld":true}"""), 401, 403, 404, 404, 403),
        Row("GET", "/api/halls/{hallId}/follow-ups", "/api/halls/dongcun/follow-ups", null, 401, 403, 403, 404, 403),

        // The citizen's rating on the phone: anyone holding the ticket's token; without it, 404 for all.
        Row("POST", "/t/{hallId}/{number}/evaluation", "/t/xinqiao/Z999/evaluation?k=not-the-token", Json("""{"score":5}"""), 404, 404, 404, 404, 404),
    ];

    private static HttpContent Form() => new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = "nobody-here", ["password"] = "not-a-password" });

    private static Func<HttpContent> Json(string body) => () => new StringContent(body, Encoding.UTF8, "application/json");

    private static MatrixRow Row(string method, string pattern, string path, Func<HttpContent>? body, int anonymous, int windowStaff, int hallManager, int districtViewer, int integrator) =>
        new(method, pattern, path, body, new Dictionary<Caller, int>
        {
            [Caller.Anonymous] = anonymous,
            [Caller.UnknownApiKey] = anonymous, // a key that is not one of Api:Keys is nobody
            [Caller.WindowStaff] = windowStaff,
            [Caller.HallManager] = hallManager,
            [Caller.DistrictViewer] = districtViewer,
            [Caller.Integrator] = integrator,
        });
}

/// <summary>One kind of caller of the matrix.</summary>
internal enum Caller
{
    Anonymous,
    UnknownApiKey,
    WindowStaff,
    HallManager,
    DistrictViewer,
    Integrator,
}

/// <summary>One request of the matrix and the status each caller gets.</summary>
internal sealed record MatrixRow(string Method, string Pattern, string Path, Func<HttpContent>? Body, IReadOnlyDictionary<Caller, int> Expected)
{
    /// <summary>The row ends sessions: each cookie caller signs in anew for it.</summary>
    public bool FreshSessions { get; init; }

    /// <summary>The answer is an HTML page (sign-in), so a 401 carries no error code.</summary>
    public bool Page { get; init; }
}
