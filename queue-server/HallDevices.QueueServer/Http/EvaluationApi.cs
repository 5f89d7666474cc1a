using System.Globalization;
using System.Text.Json;
using HallDevices.Contracts;
using HallDevices.Queueing.Engine;
using HallDevices.Queueing.Evaluation;
using HallDevices.QueueServer.Evaluation;
using HallDevices.QueueServer.Halls;
using HallDevices.QueueServer.Http.Access;
using HallDevices.QueueServer.Staff;

namespace HallDevices.QueueServer.Http;

/// <summary>
/// 好差评 over HTTP (docs/http-api.md, "Ratings and follow-up"): the window console's and the
/// tracking page's ratings, a window's own figures, and the follow-up cases of bad ratings with
/// their appeals. Refusals are the contract's reply, as in <see cref="HallApi"/>.
/// </summary>
public static class EvaluationApi
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapEvaluationApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/halls/{hallId}");
        api.AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context);
            }
            catch (Exception e) when (e is IOException or TimeoutException or BodyTooLargeException)
            {
                return Failed(context.HttpContext, e);
            }
        });

        // The console: the citizen taps a level; only at the counter where the caller is signed in.
        api.MapPost("/counters/{counterId}/evaluation", async (string hallId, string counterId, HttpContext http, HallRegistry halls, EvaluationRequests ratings) =>
        {
            if (halls.Find(hallId) is not { } hall)
            {
                return HallApi.NotFound(hallId);
            }

            var user = http.User;
            if (user.Role() != StaffRoles.HallManager && hall.Engine.FindCounter(counterId)?.StaffId != user.Id())
            {
                return HallAccess.Refusal(StatusCodes.Status403Forbidden, $"{user.Id()} may take ratings only at the counter where they are signed in");
            }

            if (await ReadJson<EvaluationBody>(http.Request) is not { } body)
            {
                return BadBody();
            }

            var outcome = ratings.AtCounter(hall, counterId, body, user.Id());
            return outcome.IsOk ? Results.Json(EvaluationRequests.ToReply(outcome.Value!), EvaluationJson.Options) : Refused(outcome.Error!);
        }).RequireHall(HallPermission.WorkCounter)
            .Describe(ApiDocs.Tags.Counters, "Record a rating at the counter", "Window staff session at their own counter, or a hall manager; no key. Body: EvaluationBody (ticketNumber, score 1–5, reasonIds and reasonText for a bad one). "
                + "Refusals: 403 `forbidden`, 404 `unknown-hall`, `unknown-ticket`, 422 `invalid-score`, `already-evaluated`, `not-served-here`, `evaluation-closed`, `unknown-reason`, `malformed-json`; 413; 503.")
            .DescribesBody<EvaluationBody>("application/json").Produces<EvaluationReply>(200).Secured(apiKey: false).Refusals(404, 413, 422, 503);

        // Counts only: which case gave which level stays with the managers (ratings are anonymous to window staff).
        api.MapGet("/counters/{counterId}/ratings", (string hallId, string counterId, HttpContext http, HallRegistry halls) =>
        {
            if (halls.Find(hallId) is not { } hall)
            {
                return HallApi.NotFound(hallId);
            }

            if (hall.Hall.FindCounter(counterId) is null)
            {
                return Refused(new QueueError(ErrorCodes.UnknownCounter, $"no counter '{counterId}' in hall {hallId}"), StatusCodes.Status404NotFound);
            }

            var staffId = http.User.Role() == StaffRoles.WindowStaff ? http.User.Id() : hall.Engine.FindCounter(counterId)?.StaffId;
            return Results.Json(EvaluationRequests.Ratings(hall, counterId, staffId), EvaluationJson.Options);
        }).RequireHall(HallPermission.WorkCounter)
            .Describe(ApiDocs.Tags.Counters, "A counter's rating counts", "Window staff (their own figures) or a hall manager session; no key. Counts per level only, never which case gave which. 404 `unknown-hall`, `unknown-counter`.")
            .Produces<CounterRatings>(200).Secured(apiKey: false).Refusals(404);

        api.MapGet("/follow-ups", (string hallId, string? state, HallRegistry halls, EvaluationRequests ratings) =>
        {
            if (halls.Find(hallId) is not { } hall)
            {
                return HallApi.NotFound(hallId);
            }

            return ratings.FollowUps(hall, state) is { } cases
                ? Results.Json(cases, EvaluationJson.Options)
                : Refused(new QueueError(ErrorCodes.InvalidRequest, $"state must be one of {string.Join(", ", EvaluationRequests.States)}, not '{state}'"));
        }).RequireHall(HallPermission.Oversee)
            .Describe(ApiDocs.Tags.Ratings, "Follow-up cases of bad ratings", "Hall manager or district viewer session. `state`: open (default), overdue, closed or all. 404 `unknown-hall`, 422 `invalid-request` for an unknown state.")
            .Produces(200, contentType: "application/json").Secured(apiKey: false).Refusals(404, 422);

        api.MapPost("/follow-ups/{ticketId}", async (string hallId, string ticketId, HttpContext http, HallRegistry halls, EvaluationRequests ratings) =>
            halls.Find(hallId) is not { } hall ? HallApi.NotFound(hallId)
            : await ReadJson<FollowUpStepBody>(http.Request) is not { } body ? BadBody()
            : FollowUpAnswer(hall, ratings, ratings.Record(hall, ticketId, body, http.User.Id())))
            .RequireHall(HallPermission.FollowUp)
            .Describe(ApiDocs.Tags.Ratings, "Record a follow-up step", "Hall manager session. Body: FollowUpStepBody (step: call-back, rectification or satisfaction; note; satisfaction with the last). Refusals: 404 `unknown-hall`, `unknown-follow-up`, 422 `follow-up-step-out-of-order`, `follow-up-closed`, `malformed-json`; 413; 503.")
            .DescribesBody<FollowUpStepBody>("application/json").Produces(200, contentType: "application/json").Secured(apiKey: false).Refusals(404, 413, 422, 503);

        // Window staff appeal only ratings of cases they served.
        api.MapPost("/follow-ups/{ticketId}/appeal", async (string hallId, string ticketId, HttpContext http, HallRegistry halls, EvaluationRequests ratings) =>
        {
            if (halls.Find(hallId) is not { } hall)
            {
                return HallApi.NotFound(hallId);
            }

            var user = http.User;
            if (user.Role() == StaffRoles.WindowStaff && hall.Engine.FindFollowUp(ticketId)?.StaffId != user.Id())
            {
                return HallAccess.Refusal(StatusCodes.Status403Forbidden, $"{user.Id()} may appeal only ratings of cases they served");
            }

            return await ReadJson<AppealBody>(http.Request) is not { } body
                ? BadBody()
                : FollowUpAnswer(hall, ratings, EvaluationRequests.Appeal(hall, ticketId, body, user.Id()));
        }).RequireHall(HallPermission.Appeal)
            .Describe(ApiDocs.Tags.Ratings, "Appeal a bad rating", "Window staff session (only for cases they served) or a hall manager. Body: AppealBody (reason). Refusals: 403 `forbidden`, 404 `unknown-follow-up`, 422 `already-appealed`, `follow-up-closed`, `malformed-json`; 413; 503.")
            .DescribesBody<AppealBody>("application/json").Produces(200, contentType: "application/json").Secured(apiKey: false).Refusals(404, 413, 422, 503);

        api.MapPost("/follow-ups/{ticketId}/review", async (string hallId, string ticketId, HttpContext http, HallRegistry halls, EvaluationRequests ratings) =>
            halls.Find(hallId) is not { } hall ? HallApi.NotFound(hallId)
            : await ReadJson<ReviewBody>(http.Request) is not { } body ? BadBody()
            : FollowUpAnswer(hall, ratings, EvaluationRequests.Review(hall, ticketId, body, http.User.Id())))
            .RequireHall(HallPermission.ReviewAppeal)
            .Describe(ApiDocs.Tags.Ratings, "Review an appeal", "Hall manager or district viewer session. Body: ReviewBody (upheld, note). Refusals: 404 `unknown-follow-up`, 422 `no-appeal`, `malformed-json`; 413; 503.")
            .DescribesBody<ReviewBody>("application/json").Produces(200, contentType: "application/json").Secured(apiKey: false).Refusals(404, 413, 422, 503);

        // The tracking page: public, but only with the ticket's token (the QR link's ?k=). A form
        // post is answered with 303 back to the page (with &error={code} on a refusal), JSON with JSON.
        app.MapPost("/t/{hallId}/{number}/evaluation", async (string hallId, string number, string? k, HttpContext http, HallRegistry halls, EvaluationRequests ratings) =>
        {
            if (halls.Find(hallId) is not { } hall || EvaluationRequests.FindOnline(hall, number, k) is null)
            {
                return Refused(new QueueError(ErrorCodes.UnknownTicket, $"no ticket '{number}' with that tracking link"));
            }

            try
            {
                var form = http.Request.HasFormContentType;
                var body = form ? await ReadForm(http.Request) : await ReadJson<EvaluationBody>(http.Request);
                if (body is null)
                {
                    return form ? BackToPage(hallId, number, k!, ErrorCodes.InvalidRequest) : (IResult)BadBody();
                }

                var outcome = ratings.Online(hall, number, k, body);
                return form ? (IResult)BackToPage(hallId, number, k!, outcome.Error?.Code)
                    : outcome.IsOk ? Results.Json(EvaluationRequests.ToReply(outcome.Value!), EvaluationJson.Options) : Refused(outcome.Error!);
            }
            catch (Exception e) when (e is IOException or TimeoutException or BodyTooLargeException)
            {
                return Failed(http, e);
            }
        })
            .Describe(ApiDocs.Tags.Ratings, "The citizen's rating from the tracking page", "Public, with the ticket's token `k` from the tracking link. A JSON EvaluationBody is answered with JSON; the page's form post with 303 back to the page (`&error={code}` on a refusal). "
                + "Refusals: 404 `unknown-ticket` (also for a wrong token), 422 `invalid-score`, `already-evaluated`, `evaluation-closed`, `unknown-reason`; 413; 503.")
            .DescribesBody<EvaluationBody>("application/json", "application/x-www-form-urlencoded").Produces<EvaluationReply>(200).Produces(303).Refusals(404, 413, 422, 503);

        return app;
    }

    private static IResult FollowUpAnswer(HallRuntime hall, EvaluationRequests ratings, Outcome<FollowUpCase> outcome) =>
        outcome.IsOk ? Results.Json(new { ok = true, followUp = ratings.View(hall, outcome.Value!) }, EvaluationJson.Options) : Refused(outcome.Error!);

    private static SeeOther BackToPage(string hallId, string number, string token, string? error) => new SeeOther(
        $"/t/{Uri.EscapeDataString(hallId)}/{Uri.EscapeDataString(number)}?k={Uri.EscapeDataString(token)}" + (error is null ? "" : "&error=" + error));

    /// <summary>A refusal: 404 for what does not exist (hall, ticket, follow-up case), else 422.</summary>
    private static IResult Refused(QueueError error, int? status = null) => Results.Json(
        Reply.Fail(error.Code, error.Message),
        ContractJson.Options,
        statusCode: status ?? (error.Code is ErrorCodes.UnknownHall or ErrorCodes.UnknownTicket or ErrorCodes.UnknownFollowUp ? 404 : 422));

    private static IResult BadBody() => Refused(new QueueError(ErrorCodes.MalformedJson, "the body is not a JSON object of the expected shape"));

    private static IResult Failed(HttpContext http, Exception e)
    {
        if (e is BodyTooLargeException)
        {
            return Refused(new QueueError(ErrorCodes.PayloadTooLarge, $"the body is over {HallApi.MaxBodyBytes} bytes"), StatusCodes.Status413PayloadTooLarge);
        }

        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(EvaluationApi)).LogError(e, "HTTP {Path} failed in storage", http.Request.Path.Value);
        return Refused(new QueueError(ErrorCodes.StorageUnavailable, "the hall's storage is failing; nothing was changed. Try again shortly."), StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>The JSON body (an empty one is an empty object), null when malformed; at most <see cref="HallApi.MaxBodyBytes"/>.</summary>
    private static async Task<T?> ReadJson<T>(HttpRequest http)
        where T : class, new()
    {
        if (http.ContentLength > HallApi.MaxBodyBytes)
        {
            throw new BodyTooLargeException();
        }

        var buffer = new char[HallApi.MaxBodyBytes + 1];
        using var reader = new StreamReader(http.Body);
        var read = await reader.ReadBlockAsync(buffer, http.HttpContext.RequestAborted);
        if (read > HallApi.MaxBodyBytes)
        {
            throw new BodyTooLargeException();
        }

        var text = new string(buffer, 0, read);
        if (string.IsNullOrWhiteSpace(text))
        {
            return new T();
        }

        try
        {
            return JsonSerializer.Deserialize<T>(text, EvaluationJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The tracking page's form: <c>score</c>, <c>reasonIds</c> (repeated), <c>reasonText</c>; null when the score is not a number.</summary>
    private static async Task<EvaluationBody?> ReadForm(HttpRequest http)
    {
        if (http.ContentLength > HallApi.MaxBodyBytes)
        {
            throw new BodyTooLargeException();
        }

        IFormCollection form;
        try
        {
            form = await http.ReadFormAsync(http.HttpContext.RequestAborted);
        }
        catch (InvalidDataException)
        {
            return null;
        }

        int? score = null;
        if (form["score"].ToString() is { Length: > 0 } text)
        {
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                return null;
            }

            score = parsed;
        }

        return new EvaluationBody
        {
            Score = score,
            ReasonIds = form["reasonIds"].Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => r!).ToList(),
            ReasonText = form["reasonText"].ToString(),
        };
    }

    /// <summary>303 See Other: after a form post the browser gets the page, it does not post again.</summary>
    private sealed class SeeOther(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = location;
            return Task.CompletedTask;
        }
    }

    private sealed class BodyTooLargeException : Exception;
}
