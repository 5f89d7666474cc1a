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
            statusCode: listener.Ready ? 200 : 503));

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
        api.MapGet("/", (HallRegistry halls) => Results.Json(halls.Halls.Select(h => new { id = h.Hall.Id, name = h.Hall.Name })));

        api.MapGet("/{hallId}/queues", (string hallId, HallRegistry halls) =>
            halls.Find(hallId) is { } hall ? Results.Json(hall.Engine.Queues().Select(q => new QueueInfo(q.QueueId, q.Waiting, q.LongestWaitSeconds, q.EstimatedWaitMinutes, q.MeanHandlingSeconds)).ToArray(), ContractJson.Options) : NotFound(hallId));

        api.MapGet("/{hallId}/counters", (string hallId, HallRegistry halls) =>
            halls.Find(hallId) is { } hall ? Results.Json(hall.Engine.Counters().Select(HallRequests.ToInfo).ToArray(), ContractJson.Options) : NotFound(hallId));

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
        }).RequireHall(HallPermission.IssueTicket);

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
        }).RequireHall(HallPermission.Book);

        api.MapPost("/{hallId}/tickets/{number}/reprint", (string hallId, string number, HallRequests requests, HttpContext http) => Answer(requests.Reprint(hallId, number, http.User.Id())))
            .RequireHall(HallPermission.Reprint);

        api.MapGet("/{hallId}/tickets/{number}", (string hallId, string number, string? k, HttpContext http, HallRegistry halls, HallRequests requests) =>
        {
            // The number is public (it is on the board); the masked ID is the citizen's: shown only with
            // the ticket's own tracking token, or to the hall's staff and integrators.
            var reply = requests.Track(hallId, number);
            var own = halls.Find(hallId) is { } hall && (EvaluationRequests.FindOnline(hall, number, k) is not null
                || HallAccess.Allows(http.User, hallId, null, HallPermission.View) || HallAccess.Allows(http.User, hallId, null, HallPermission.IssueTicket));
            return Answer(own || reply.Ticket is null ? reply : reply with { Ticket = reply.Ticket with { MaskedId = null } });
        });

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
        }).RequireHall(HallPermission.WorkCounter);

        // Public, but ratings only for those who oversee the hall (ratings are anonymous to window staff).
        api.MapGet("/{hallId}/events", (string hallId, long? after, int? limit, HallRegistry halls, HttpContext http) =>
            halls.Find(hallId) is { } hall
                ? Results.Json(EventMessages.Page(hall.Store, after ?? 0, Math.Clamp(limit ?? 500, 1, 5000), HallAccess.Allows(http.User, hallId, null, HallPermission.Oversee)), ContractJson.Options)
                : NotFound(hallId));

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
