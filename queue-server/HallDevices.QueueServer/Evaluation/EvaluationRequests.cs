using System.Text.Json;
using System.Text.Json.Nodes;
using HallDevices.Contracts;
using HallDevices.Hosting;
using HallDevices.Queueing.Engine;
using HallDevices.Queueing.Evaluation;
using HallDevices.Queueing.Tickets;
using HallDevices.QueueServer.Halls;
using HallDevices.QueueServer.Staff;

namespace HallDevices.QueueServer.Evaluation;

/// <summary>
/// 好差评 over HTTP, apart from the transport: ratings from the window console and the tracking
/// page, the follow-up cases of bad ratings, appeals, and a window's own figures. The evaluator's
/// ratings come over MQTT through <see cref="HallRequests.Evaluate"/>; all meet in the same engine
/// command, so a case is rated once whichever channel is first.
/// </summary>
public sealed class EvaluationRequests(StaffDirectory staff, HallClock clock, ILogger<EvaluationRequests> log)
{
    /// <summary>Which follow-up cases <see cref="FollowUps"/> lists.</summary>
    public static IReadOnlyList<string> States { get; } = ["open", "overdue", "closed", "all"];

    /// <summary>The citizen taps a level on the window console (channel <c>console</c>) for the case the counter served.</summary>
    public Outcome<Evaluated> AtCounter(HallRuntime hall, string counterId, EvaluationBody body, string? by)
    {
        ArgumentNullException.ThrowIfNull(hall);
        ArgumentNullException.ThrowIfNull(body);
        if (string.IsNullOrWhiteSpace(body.TicketNumber) || body.Score is null)
        {
            return Outcome<Evaluated>.Fail(ErrorCodes.InvalidRequest, "ticketNumber and score are required");
        }

        var command = EvaluateCommand.AtCounter(body.TicketNumber, counterId, body.Score.Value, EvaluationChannels.Console)
            with { ReasonIds = body.ReasonIds, ReasonText = body.ReasonText };
        return Logged(hall, hall.Engine.Evaluate(command, by: by), EvaluationChannels.Console);
    }

    /// <summary>
    /// The ticket a tracking link names: the token must be that ticket's (today's, or one finished
    /// yesterday still open to rating). Null otherwise, and the caller answers 404 whichever part was wrong.
    /// </summary>
    public static Ticket? FindOnline(HallRuntime hall, string number, string? token)
    {
        ArgumentNullException.ThrowIfNull(hall);
        return string.IsNullOrEmpty(token) || hall.Engine.FindByToken(token) is not { } ticket || ticket.Number != number ? null : ticket;
    }

    /// <summary>The citizen rates on the tracking page (channel <c>online</c>); <c>unknown-ticket</c> when the link is not the ticket's.</summary>
    public Outcome<Evaluated> Online(HallRuntime hall, string number, string? token, EvaluationBody body)
    {
        ArgumentNullException.ThrowIfNull(hall);
        ArgumentNullException.ThrowIfNull(body);
        if (FindOnline(hall, number, token) is null)
        {
            return Outcome<Evaluated>.Fail(ErrorCodes.UnknownTicket, $"no ticket '{number}' with that tracking link in hall {hall.Hall.Id}");
        }

        if (body.Score is null)
        {
            return Outcome<Evaluated>.Fail(ErrorCodes.InvalidRequest, "score is required");
        }

        var command = EvaluateCommand.Online(token!, body.Score.Value) with { ReasonIds = body.ReasonIds, ReasonText = body.ReasonText };
        return Logged(hall, hall.Engine.Evaluate(command), EvaluationChannels.Online);
    }

    /// <summary>The answer to a recorded rating.</summary>
    public static EvaluationReply ToReply(Evaluated evaluated)
    {
        ArgumentNullException.ThrowIfNull(evaluated);
        var level = (EvaluationLevel)evaluated.Ticket.Score!.Value;
        return new EvaluationReply(true, (int)level, EvaluationLevels.ChineseName(level), EvaluationLevels.EnglishName(level), evaluated.FollowUp?.DueDate);
    }

    /// <summary>
    /// The hall's follow-up cases in <paramref name="state"/> (<see cref="States"/>; null is
    /// <c>open</c>), oldest first, with the names a page shows; null for an unknown state.
    /// </summary>
    public IReadOnlyList<JsonObject>? FollowUps(HallRuntime hall, string? state)
    {
        ArgumentNullException.ThrowIfNull(hall);
        var today = Today(hall);
        Func<FollowUpCase, bool>? keep = (state ?? "open") switch
        {
            "open" => f => !f.IsClosed,
            "overdue" => f => f.IsOverdue(today),
            "closed" => f => f.IsClosed,
            "all" => _ => true,
            _ => null,
        };
        return keep is null ? null : hall.Engine.FollowUps().Where(keep).Select(f => View(hall, f, today)).ToList();
    }

    /// <summary>A case as the follow-up endpoints show it: the case's own fields plus names, its level, <c>closed</c> and <c>overdue</c>.</summary>
    public JsonObject View(HallRuntime hall, FollowUpCase followUp) => View(hall, followUp, Today(hall));

    /// <summary>Records the next follow-up step.</summary>
    public Outcome<FollowUpCase> Record(HallRuntime hall, string ticketId, FollowUpStepBody body, string? by)
    {
        ArgumentNullException.ThrowIfNull(hall);
        ArgumentNullException.ThrowIfNull(body);
        RectificationSatisfaction? satisfaction = null;
        if (body.Satisfaction is { } text)
        {
            if (!TrySatisfaction(text, out var parsed))
            {
                return Outcome<FollowUpCase>.Fail(ErrorCodes.InvalidRequest, $"satisfaction must be satisfied, basically-satisfied or dissatisfied, not '{text}'");
            }

            satisfaction = parsed;
        }

        return hall.Engine.RecordFollowUp(ticketId, body.Step ?? "", body.Note, satisfaction, by);
    }

    /// <summary>Appeals a bad rating.</summary>
    public static Outcome<FollowUpCase> Appeal(HallRuntime hall, string ticketId, AppealBody body, string? by)
    {
        ArgumentNullException.ThrowIfNull(hall);
        ArgumentNullException.ThrowIfNull(body);
        return hall.Engine.Appeal(ticketId, body.Reason ?? "", body.Note, by);
    }

    /// <summary>Decides an appeal.</summary>
    public static Outcome<FollowUpCase> Review(HallRuntime hall, string ticketId, ReviewBody body, string? by)
    {
        ArgumentNullException.ThrowIfNull(hall);
        ArgumentNullException.ThrowIfNull(body);
        return body.Upheld is { } upheld
            ? hall.Engine.ReviewAppeal(ticketId, upheld, body.Note, by)
            : Outcome<FollowUpCase>.Fail(ErrorCodes.InvalidRequest, "upheld (true or false) is required");
    }

    /// <summary>Today's figures of a counter and of one staff member: counts per level, never which case gave which.</summary>
    public static CounterRatings Ratings(HallRuntime hall, string counterId, string? staffId)
    {
        ArgumentNullException.ThrowIfNull(hall);
        var finished = hall.Engine.TicketsToday().Where(t => t.Status == TicketStatus.Finished).ToList();
        return new CounterRatings(
            counterId,
            staffId,
            Count(finished.Where(t => t.CounterId == counterId)),
            staffId is null ? null : Count(finished.Where(t => t.StaffId == staffId)));
    }

    private static RatingCounts Count(IEnumerable<Ticket> served)
    {
        var list = served.ToList();
        var levels = Enum.GetValues<EvaluationLevel>().OrderDescending()
            .Select(l => new LevelCount((int)l, EvaluationLevels.ChineseName(l), EvaluationLevels.EnglishName(l), list.Count(t => t.Score == (int)l)))
            .ToList();
        return new RatingCounts(list.Count, list.Count(t => t.Score is not null), levels);
    }

    private JsonObject View(HallRuntime hall, FollowUpCase f, DateOnly today)
    {
        var def = hall.Hall;
        var view = JsonSerializer.SerializeToNode(f, EvaluationJson.Options)!.AsObject();
        var level = (EvaluationLevel)f.Score;
        view["levelName"] = EvaluationLevels.ChineseName(level);
        view["levelNameEn"] = EvaluationLevels.EnglishName(level);
        view["counterName"] = def.FindCounter(f.CounterId)?.Name ?? f.CounterId;
        view["serviceName"] = def.FindService(f.ServiceId)?.Name ?? f.ServiceId;
        if (f.StaffId is { } s)
        {
            view["staffName"] = staff.Find(s)?.Name ?? s;
        }

        view["reasons"] = JsonSerializer.SerializeToNode(
            f.ReasonIds.Select(id => def.Evaluation.FindReason(id) ?? new EvaluationReason(id, id, id)).ToList(), EvaluationJson.Options);
        view["closed"] = f.IsClosed;
        view["overdue"] = f.IsOverdue(today);
        return view;
    }

    private Outcome<Evaluated> Logged(HallRuntime hall, Outcome<Evaluated> outcome, string channel)
    {
        if (!outcome.IsOk)
        {
            log.LogInformation("Rating refused in {HallId} from the {Channel}: {Code}", hall.Hall.Id, channel, outcome.Error!.Code);
        }

        return outcome;
    }

    private DateOnly Today(HallRuntime hall) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.Time.GetUtcNow(), hall.Hall.TimeZone).DateTime);

    private static bool TrySatisfaction(string text, out RectificationSatisfaction value)
    {
        value = text switch
        {
            "satisfied" => RectificationSatisfaction.Satisfied,
            "basically-satisfied" => RectificationSatisfaction.BasicallySatisfied,
            "dissatisfied" => RectificationSatisfaction.Dissatisfied,
            _ => (RectificationSatisfaction)(-1),
        };
        return Enum.IsDefined(value);
    }
}
