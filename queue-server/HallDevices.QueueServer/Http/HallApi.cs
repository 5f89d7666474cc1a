using System.Text.Json;
using HallDevices.Contracts;
using HallDevices.Hosting;
using HallDevices.QueueServer.Evaluation;
using HallDevices.QueueServer.Halls;
using HallDevices.QueueServer.Http.Access;
using HallDevices.QueueServer.Mqtt;
using HallDevices.QueueServer.Staff;

namespace HallDevices.QueueServer.Http;

/// <summary>The HTTP integration API: the same requests and replies as the MQTT contract.</summary>
public static class HallApi
{
    /// <summary>Largest request body read, as the broker's <c>Mqtt:MaxPayloadBytes</c> default.</summary>
    public const int MaxBodyBytes = 16 * 1024;

    /// <summary>Maps <c>/health</c> and <c>/api/halls/...</c>.</summary>
    public static IEndpointRouteBuilder MapHallApi(this IEndpointRouteBuilder app)
    {
        // 200 only when requests are being answered over MQTT; 503 (with the reason) otherwise.
        app.MapGet("/health", (HallRegistry halls, RequestListener listener) => Results.Json(
            new { status = listener.Ready ? "ok" : "degraded", mqtt = listener.Ready ? "ready" : "not connected", halls = halls.Halls.Select(h => h.Hall.Id) },
            statusCode: listener.Ready ? 200 : 503))
            .Describe(ApiDocs.Tags.Operations, "Server health", "Public. 200 `{status:\"ok\"}` when requests are answered over MQTT; 503 `degraded` (with the reason) otherwise; lists the halls served.")
            .Produces(200, contentType: "application/json").Produces(503, contentType: "application/json");

        var api = app.MapGroup("/api/halls");

        // The same answer as over MQTT when the hall's storage fails: nothing changed, try again.
        api.AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context);
            }
            catch (BodyTooLargeException)
            {
                return Answer(Reply.Fail(ErrorCodes.PayloadTooLarge, $"the body is over {MaxBodyBytes} bytes"), StatusCodes.Status413PayloadTooLarge);
            }
            catch (Exception e) when (e is IOException or TimeoutException)
            {
                context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HallApi)).LogError(e, "HTTP {Path} failed in storage", context.HttpContext.Request.Path.Value);
                return Results.Json(Reply.Fail(ErrorCodes.StorageUnavailable, "the hall's storage is failing; nothing was changed. Try again shortly."), ContractJson.Options, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        });
        api.MapGet("/", (HallRegistry halls) => Results.Json(halls.Halls.Select(h => new { id = h.Hall.Id, name = h.Hall.Name })))
            .Describe(ApiDocs.Tags.Hall, "The halls of this server", "Public. `[{id, name}]` of every hall this server runs.")
            .Produces(200, contentType: "application/json");

        api.MapGet("/{hallId}/queues", (string hallId, HallRegistry halls) =>
            halls.Find(hallId) is { } hall ? Results.Json(hall.Engine.Queues().Select(q => new QueueInfo(q.QueueId, q.Waiting, q.LongestWaitSeconds, q.EstimatedWaitMinutes, q.MeanHandlingSeconds)).ToArray(), ContractJson.Options) : NotFound(hallId))
            .Describe(ApiDocs.Tags.Hall, "A hall's queues", "Public. Each queue's waiting count, longest wait, estimated wait and mean handling time. 404 `unknown-hall`.")
            .Produces<QueueInfo[]>(200).Refusals(404);

        api.MapGet("/{hallId}/counters", (string hallId, HallRegistry halls) =>
            halls.Find(hallId) is { } hall ? Results.Json(hall.Engine.Counters().Select(HallRequests.ToInfo).ToArray(), ContractJson.Options) : NotFound(hallId))
            .Describe(ApiDocs.Tags.Hall, "A hall's counters", "Public. Each counter's state, its staff and the ticket it serves. 404 `unknown-hall`.")
            .Produces<CounterInfo[]>(200).Refusals(404);

        // Every change needs a session of the right role or an integrator's key (README "Accounts and roles").
        api.MapPost("/{hallId}/tickets", async (string hallId, HttpRequest http, HallRequests requests) =>
        {
            if (await ReadBody<TicketRequest>(http) is not { } body)
            {
                return BadBody();
            }

            // The green channel (elderly, disabled, urgent) jumps every queue: a person at the guide desk decides it, not an integration.
            var user = http.HttpContext.User;
            return body.Priority == "green-channel" && user.Role() != StaffRoles.HallManager
                ? HallAccess.Refusal(StatusCodes.Status403Forbidden, "green-channel tickets are issued by the hall's staff at the guide desk")
                : Answer(requests.IssueTicket(hallId, body, user.Id()));
        }).RequireHall(HallPermission.IssueTicket)
            .Describe(ApiDocs.Tags.Tickets, "Issue a ticket (remote or at the guide desk)", "Hall manager session or integrator key with the hall in scope. Body: TicketRequest (serviceId, channel, idNumber when the service asks for it, appointmentCode to check in a booking). "
                + "The reply's ticket carries the tracking link's token. Green-channel tickets only by a hall manager (403). Refusals: 400/422 `malformed-json`, 404 `unknown-hall`, 422 `unknown-service`, `id-required`, `daily-limit`, `capacity-reached`, `appointment-forged`, `appointment-expired`, `appointment-used`; 413 `payload-too-large`; 503 `storage-unavailable`.")
            .DescribesBody<TicketRequest>("application/json").Produces<Reply>(200).Secured().Refusals(404, 413, 422, 503);

        api.MapPost("/{hallId}/appointments", async (string hallId, HttpRequest http, HallRequests requests, HallClock clock) =>
        {
            if (await ReadBody<BookingRequest>(http) is not { } body)
            {
                return BadBody();
            }

            var from = body.ValidFrom ?? clock.Time.GetUtcNow();
            if (body.ValidTo is null && from > DateTimeOffset.MaxValue.AddHours(-2))
            {
                return Answer(Reply.Fail(ErrorCodes.InvalidRequest, "validFrom is out of range"));
            }

            var (code, error) = requests.Book(hallId, body.ServiceId, from, body.ValidTo ?? from.AddHours(2));
            return error is not null ? Answer(error) : Results.Json(new BookingReply(true, code!), ContractJson.Options);
        }).RequireHall(HallPermission.Book)
            .Describe(ApiDocs.Tags.Tickets, "Mint an appointment code", "Hall manager session or integrator key. Body: BookingRequest (serviceId, validFrom, validTo; two hours from now by default). "
                + "The signed single-use code is checked in at the kiosk. Refusals: 404 `unknown-hall`, 422 `unknown-service`, `appointment-not-allowed`, `invalid-request`, `malformed-json`.")
            .DescribesBody<BookingRequest>("application/json").Produces<BookingReply>(200).Secured().Refusals(404, 413, 422, 503);

        api.MapPost("/{hallId}/tickets/{number}/reprint", (string hallId, string number, HallRequests requests, HttpContext http) => Answer(requests.Reprint(hallId, number, http.User.Id())))
            .RequireHall(HallPermission.Reprint)
            .Describe(ApiDocs.Tags.Tickets, "Reprint a ticket", "Hall manager session only (not an integrator key, not window staff). Prints the ticket again at the hall's printer. Refusals: 404 `unknown-hall`, `unknown-ticket`; 503 `storage-unavailable`.")
            .Produces<Reply>(200).Secured(apiKey: false).Refusals(404, 422, 503);

        api.MapGet("/{hallId}/tickets/{number}", (string hallId, string number, string? k, HttpContext http, HallRegistry halls, HallRequests requests) =>
        {
            // The number is public (it is on the board); the masked ID is the citizen's: shown only with
            // the ticket's own tracking token, or to the hall's staff and integrators.
            var reply = requests.Track(hallId, number);
            var own = halls.Find(hallId) is { } hall && (EvaluationRequests.FindOnline(hall, number, k) is not null
                || HallAccess.Allows(http.User, hallId, null, HallPermission.View) || HallAccess.Allows(http.User, hallId, null, HallPermission.IssueTicket));
            return Answer(own || reply.Ticket is null ? reply : reply with { Ticket = reply.Ticket with { MaskedId = null } });
        })
            .Describe(ApiDocs.Tags.Tickets, "Track a ticket", "Public. Today's ticket of that number: its state, place in the queue and estimated wait. The masked ID only with the ticket's token `k` "
                + "(the receipt's QR link) or to the hall's staff and integrators. 404 `unknown-hall`, `unknown-ticket`.")
            .Produces<Reply>(200).Refusals(404);

        api.MapPost("/{hallId}/counters/{counterId}/{action}", async (string hallId, string counterId, string action, HttpRequest http, HallRequests requests, HallRegistry halls, StaffDirectory staff) =>
        {
            var body = await ReadBody<CounterRequest>(http, emptyIs: new CounterRequest());
            if (body is null)
            {
                return BadBody();
            }

            var user = http.HttpContext.User;
            if (CounterRefusal(user, hallId, counterId, halls.Find(hallId)?.Engine.FindCounter(counterId), action, body, staff) is { } refused)
            {
                return refused;
            }

            // Staff sign in as themselves; a hall manager may sign another account of the hall in.
            var staffId = action == "login" ? body.StaffId ?? user.Id() : body.StaffId;
            return Answer(requests.Counter(hallId, body with { CounterId = counterId, Action = action, StaffId = staffId }, user.Id()));
        }).RequireHall(HallPermission.WorkCounter)
            .Describe(ApiDocs.Tags.Counters, "A counter action", "Window staff session at their own counter, or a hall manager; no integrator key. "
                + "action is one of login, logout, pause, resume, call-next, recall, skip, finish, transfer, reinstate; body: CounterRequest (staffId, toQueueId, toCounterId, ticketNumber; may be empty). "
                + "Refusals: 403 `forbidden` (another's counter), 404 `unknown-hall`, `unknown-ticket`, 422 `unknown-counter`, `counter-closed`, `counter-paused`, `not-serving`, `invalid-request`, `malformed-json`; 503 `storage-unavailable`.")
            .DescribesBody<CounterRequest>("application/json").Produces<Reply>(200).Secured(apiKey: false).Refusals(404, 413, 422, 503);

        // Public, but ratings only for those who oversee the hall (ratings are anonymous to window staff).
        api.MapGet("/{hallId}/events", (string hallId, long? after, int? limit, HallRegistry halls, HttpContext http) =>
            halls.Find(hallId) is { } hall
                ? Results.Json(EventMessages.Page(hall.Store, after ?? 0, Math.Clamp(limit ?? 500, 1, 5000), HallAccess.Allows(http.User, hallId, null, HallPermission.Oversee)), ContractJson.Options)
                : NotFound(hallId))
            .Describe(ApiDocs.Tags.Hall, "A hall's event log", "Public, but ratings appear only for callers who oversee the hall. `after` (sequence, default 0) and `limit` (1–5000, default 500) page through the log. 404 `unknown-hall`.")
            .Produces<Reply>(200).Refusals(404, 503);

        return app;
    }

    /// <summary>
    /// Window staff act only at the counter they are signed in at (and sign in only as themselves),
    /// so one staff member works one counter and nobody works another's (sbc-qsystem #298).
    /// </summary>
    private static IResult? CounterRefusal(System.Security.Claims.ClaimsPrincipal user, string hallId, string counterId, Queueing.Tickets.CounterState? counter, string action, CounterRequest body, StaffDirectory staff)
    {
        var me = user.Id();
        if (user.Role() == StaffRoles.HallManager)
        {
            // A manager signs in only staff who may work that counter (not a viewer, not a window staff
            // member outside the counters their account lists).
            return action == "login" && body.StaffId is { } other && other != me && staff.Find(other)?.MayWork(hallId, counterId) != true
                ? HallAccess.Refusal(StatusCodes.Status403Forbidden, $"'{other}' is not a staff account that may work {counterId} of hall {hallId}")
                : null;
        }

        if (action == "login")
        {
            return body.StaffId is { } named && named != me ? HallAccess.Refusal(StatusCodes.Status403Forbidden, $"{me} may sign in only as {me}") : null;
        }

        // Reinstating changes a ticket, not the counter, so it needs the counter to be one's own.
        if (action == "reinstate" && counter?.StaffId != me)
        {
            return HallAccess.Refusal(StatusCodes.Status403Forbidden, $"{me} may reinstate only at the counter where they are signed in");
        }

        return counter?.StaffId is { } at && at != me
            ? HallAccess.Refusal(StatusCodes.Status403Forbidden, $"{counter.CounterId} is worked by {at}, not by {me}")
            : null;
    }

    /// <summary>The JSON body, <paramref name="emptyIs"/> when there is none, null when it is malformed.</summary>
    private static async Task<T?> ReadBody<T>(HttpRequest http, T? emptyIs = null)
        where T : class
    {
        // A request is a few hundred bytes; the MQTT side refuses payloads over 16 KiB, so does this.
        if (http.ContentLength > MaxBodyBytes)
        {
            throw new BodyTooLargeException();
        }

        var buffer = new char[MaxBodyBytes + 1];
        using var reader = new StreamReader(http.Body);
        var read = await reader.ReadBlockAsync(buffer, http.HttpContext.RequestAborted);
        if (read > MaxBodyBytes)
        {
            throw new BodyTooLargeException();
        }

        var text = new string(buffer, 0, read);
        if (string.IsNullOrWhiteSpace(text))
        {
            return emptyIs;
        }

        try
        {
            return ContractJson.Deserialize<T>(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static IResult Answer(Reply reply, int? status = null) => Results.Json(
        reply,
        ContractJson.Options,
        statusCode: status ?? (reply.Ok ? 200 : reply.Error!.Code is ErrorCodes.UnknownHall or ErrorCodes.UnknownTicket ? 404 : 422));

    private static IResult BadBody() => Answer(Reply.Fail(ErrorCodes.MalformedJson, "the body is not a JSON object of the expected shape"));

    /// <summary>The 404 of every endpoint under <c>/api/halls/{hallId}</c> for a hall this server does not run: a client handles one error shape.</summary>
    internal static IResult NotFound(string hallId) => Answer(Reply.Fail(ErrorCodes.UnknownHall, $"no hall '{hallId}' on this server"));

    private sealed class BodyTooLargeException : Exception;
}
