using System.Text.Json;
using HallDevices.Contracts;
using HallDevices.Hosting;
using HallDevices.Queueing.Engine;
using HallDevices.Queueing.Tickets;

namespace HallDevices.QueueServer.Halls;

/// <summary>
/// Turns contract requests (from MQTT or HTTP) into engine commands and engine results into
/// contract replies. Transport-neutral: validation and error codes are the same on every channel.
/// </summary>
public sealed class HallRequests(HallRegistry registry, HallClock clock, ILogger<HallRequests> log)
{
    /// <summary>Base of tracking links printed on tickets.</summary>
    public string PublicUrl { get; set; } = "http://127.0.0.1:5080";

    /// <summary>Issues a ticket.</summary>
    public Reply IssueTicket(string hallId, TicketRequest request, string? by = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (registry.Find(hallId) is not { } hall)
        {
            return UnknownHall(hallId);
        }

        string? appointmentId = null;
        if (!string.IsNullOrWhiteSpace(request.AppointmentCode))
        {
            // A checked-in booking: the code names the service and makes the ticket a priority one.
            var check = registry.Appointments.Verify(request.AppointmentCode, hallId, clock.Time.GetUtcNow());
            if (!check.IsValid)
            {
                log.LogInformation("Appointment code refused in {HallId}: {Code}", hallId, check.ErrorCode);
                return Reply.Fail(check.ErrorCode!, check.Message!);
            }

            request = request with { ServiceId = check.Appointment!.ServiceId, Priority = "appointment" };
            appointmentId = check.Appointment.Id;
        }

        if (string.IsNullOrWhiteSpace(request.ServiceId))
        {
            return Reply.Fail(ErrorCodes.InvalidRequest, "serviceId is required");
        }

        if (!TryPriority(request.Priority, out var priority))
        {
            return Reply.Fail(ErrorCodes.InvalidRequest, $"priority must be normal, appointment or green-channel, not '{request.Priority}'");
        }

        if (priority == TicketPriority.Appointment && appointmentId is null)
        {
            return Reply.Fail(ErrorCodes.InvalidRequest, "an appointment ticket needs the appointmentCode that was booked");
        }

        var citizen = string.IsNullOrWhiteSpace(request.IdNumber) ? null : registry.Protector.Protect(request.IdNumber);
        var command = new IssueTicketCommand(request.ServiceId, request.Channel ?? "kiosk", request.DeviceId, citizen, priority, appointmentId, MintToken());
        var outcome = hall.Engine.Issue(command, request.RequestId, by);
        if (!outcome.IsOk)
        {
            log.LogInformation("Ticket refused in {HallId} for {ServiceId}: {Code}", hallId, request.ServiceId, outcome.Error!.Code);
            return Reply.Fail(outcome.Error!.Code, outcome.Error.Message);
        }

        var issued = outcome.Value!;
        return new Reply(true, ToInfo(hall, issued.Ticket, issued.WaitingAhead, issued.EstimatedWaitMinutes, withToken: true));
    }

    /// <summary>
    /// A tracking token: 128 random bits, base64url (22 characters, safe in a URL as it is). Only
    /// the holder of the printed ticket (its QR link) has it, so it is what lets a citizen rate online.
    /// </summary>
    public static string MintToken() => System.Buffers.Text.Base64Url.EncodeToString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    /// <summary>Runs a counter action.</summary>
    public Reply Counter(string hallId, CounterRequest request, string? by = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (registry.Find(hallId) is not { } hall)
        {
            return UnknownHall(hallId);
        }

        if (string.IsNullOrWhiteSpace(request.CounterId))
        {
            return Reply.Fail(ErrorCodes.InvalidRequest, "counterId is required");
        }

        var engine = hall.Engine;
        var counter = request.CounterId;
        var id = request.RequestId;
        return request.Action switch
        {
            "login" => FromCounter(hall, engine.Login(counter, request.StaffId ?? "", id, by)),
            "logout" => FromCounter(hall, engine.Logout(counter, id, by)),
            "pause" => FromCounter(hall, engine.Pause(counter, id, by)),
            "resume" => FromCounter(hall, engine.Resume(counter, id, by)),
            "call-next" => FromTicket(hall, engine.CallNext(counter, id, by)),
            "recall" => FromTicket(hall, engine.Recall(counter, id, by)),
            "skip" => FromTicket(hall, engine.Skip(counter, id, by)),
            "finish" => FromTicket(hall, engine.Finish(counter, id, by)),
            "transfer" => FromTicket(hall, engine.Transfer(counter, request.ToQueueId, request.ToCounterId, id, by)),
            "reinstate" => Reinstate(hall, counter, request, by),
            null or "" => Reply.Fail(ErrorCodes.InvalidRequest, "action is required"),
            _ => Reply.Fail(ErrorCodes.InvalidRequest, $"unknown action '{request.Action}'; expected login, logout, call-next, recall, skip, finish, transfer, reinstate, pause or resume"),
        };
    }

    /// <summary>
    /// A citizen called as a no-show comes back to the window: the ticket waits again at its place
    /// (within the hall's reinstate window). Asked of a counter so the console and keypads can do it.
    /// </summary>
    private Reply Reinstate(HallRuntime hall, string counterId, CounterRequest request, string? by)
    {
        if (string.IsNullOrWhiteSpace(request.TicketNumber))
        {
            return Reply.Fail(ErrorCodes.InvalidRequest, "reinstate needs the ticketNumber of the no-show");
        }

        if (hall.Hall.FindCounter(counterId) is null)
        {
            return Reply.Fail(ErrorCodes.UnknownCounter, $"no counter '{counterId}' in hall {hall.Hall.Id}");
        }

        return FromTicket(hall, hall.Engine.Reinstate(request.TicketNumber, request.RequestId, by));
    }

    /// <summary>Records an evaluator's rating (<c>req/evaluate</c>; channel <c>evaluator</c>).</summary>
    public Reply Evaluate(string hallId, EvaluateRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (registry.Find(hallId) is not { } hall)
        {
            return UnknownHall(hallId);
        }

        if (string.IsNullOrWhiteSpace(request.TicketNumber) || string.IsNullOrWhiteSpace(request.CounterId) || request.Score is null)
        {
            return Reply.Fail(ErrorCodes.InvalidRequest, "ticketNumber, counterId and score are required");
        }

        var command = EvaluateCommand.AtCounter(request.TicketNumber, request.CounterId, request.Score.Value) with { ReasonIds = request.ReasonIds, ReasonText = request.ReasonText };
        var outcome = hall.Engine.Evaluate(command, request.RequestId);
        return outcome.IsOk ? FromTicket(hall, Outcome<Ticket>.Success(outcome.Value!.Ticket)) : Reply.Fail(outcome.Error!.Code, outcome.Error.Message);
    }

    /// <summary>Takes a kiosk's print outcome: a failed print voids the ticket so no ghost number is ever called.</summary>
    public Reply PrintResult(string hallId, PrintResultRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (registry.Find(hallId) is not { } hall)
        {
            return UnknownHall(hallId);
        }

        if (string.IsNullOrWhiteSpace(request.TicketNumber) || request.Ok is null)
        {
            return Reply.Fail(ErrorCodes.InvalidRequest, "ticketNumber and ok are required");
        }

        if (request.Ok.Value)
        {
            return hall.Engine.FindTicket(request.TicketNumber) is { } printed
                ? new Reply(true, ToInfo(hall, printed, hall.Engine.WaitingAhead(printed), 0))
                : Reply.Fail(ErrorCodes.UnknownTicket, $"no ticket '{request.TicketNumber}' today in hall {hallId}");
        }

        var reason = string.IsNullOrWhiteSpace(request.Reason) ? "print-failed" : $"print-failed: {request.Reason}";
        return FromTicket(hall, hall.Engine.Void(request.TicketNumber, reason, request.RequestId));
    }

    /// <summary>
    /// Books an appointment and returns its signed code. The online booking system normally does
    /// this with the shared key; the endpoint serves integration tests, the demo and small halls.
    /// </summary>
    public (string? Code, Reply? Error) Book(string hallId, string? serviceId, DateTimeOffset from, DateTimeOffset to)
    {
        if (registry.Find(hallId) is not { } hall)
        {
            return (null, UnknownHall(hallId));
        }

        if (serviceId is null || hall.Hall.FindService(serviceId) is not { } service)
        {
            return (null, Reply.Fail(ErrorCodes.UnknownService, $"no service '{serviceId}' in hall {hallId}"));
        }

        if (!service.AppointmentAllowed)
        {
            return (null, Reply.Fail(ErrorCodes.AppointmentNotAllowed, $"{service.Name} takes no appointments"));
        }

        if (to <= from)
        {
            return (null, Reply.Fail(ErrorCodes.InvalidRequest, "validTo must be after validFrom"));
        }

        var id = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6));
        return (registry.Appointments.Issue(new Queueing.Appointments.Appointment(id, hallId, serviceId, from, to)), null);
    }

    /// <summary>Staff console: a ticket whose receipt failed to print waits again, to be printed at the desk.</summary>
    public Reply Reprint(string hallId, string number, string? by = null)
    {
        if (registry.Find(hallId) is not { } hall)
        {
            return UnknownHall(hallId);
        }

        // A lost slip of a ticket still in the hall is printed again as it stands; a ticket voided by
        // a failed print first comes back to its place.
        if (hall.Engine.FindTicket(number) is { Status: TicketStatus.Waiting or TicketStatus.Transferred or TicketStatus.Called })
        {
            return Track(hallId, number, withToken: true);
        }

        var outcome = hall.Engine.Reprint(number, by: by);
        return outcome.IsOk ? Track(hallId, number, withToken: true) : Reply.Fail(outcome.Error!.Code, outcome.Error.Message);
    }

    /// <summary>
    /// A ticket for the tracking page, with its live place in the queue. Its <c>trackUrl</c> carries
    /// the tracking token only when <paramref name="withToken"/> (the slip printed again at the guide
    /// desk): the number is public, the token is the citizen's.
    /// </summary>
    public Reply Track(string hallId, string number, bool withToken = false)
    {
        if (registry.Find(hallId) is not { } hall)
        {
            return UnknownHall(hallId);
        }

        if (hall.Engine.FindTicket(number) is not { } ticket)
        {
            return Reply.Fail(ErrorCodes.UnknownTicket, $"no ticket '{number}' today in hall {hallId}");
        }

        var ahead = hall.Engine.WaitingAhead(ticket);
        var estimate = ticket.IsWaiting ? hall.Engine.Queues().First(q => q.QueueId == ticket.QueueId) : null;
        var minutes = estimate is null || estimate.Waiting == 0 ? 0 : (int)Math.Ceiling((double)estimate.EstimatedWaitMinutes * ahead / estimate.Waiting);
        return new Reply(true, ToInfo(hall, ticket, ahead, minutes, withToken));
    }

    /// <summary>
    /// Maps a ticket to its contract form. The tracking link names the token (<c>?k=</c>) only when
    /// <paramref name="withToken"/>: in the answer to whoever issued or prints the ticket, not in
    /// answers about it to counters or to anyone who knows the number.
    /// </summary>
    public TicketInfo ToInfo(HallRuntime hall, Ticket ticket, int waitingAhead, int estimatedWaitMinutes, bool withToken = false)
    {
        ArgumentNullException.ThrowIfNull(hall);
        ArgumentNullException.ThrowIfNull(ticket);
        return new TicketInfo(
            ticket.Number,
            ticket.QueueId,
            ticket.ServiceId,
            hall.Hall.FindService(ticket.ServiceId)?.Name ?? ticket.ServiceId,
            TimeZoneInfo.ConvertTime(ticket.IssuedAt, hall.Hall.TimeZone),
            Kebab(ticket.Status.ToString()),
            waitingAhead,
            estimatedWaitMinutes,
            TrackUrl(hall.Hall.Id, ticket.Number, withToken ? ticket.Token : null),
            Kebab(ticket.Priority.ToString()),
            ticket.CounterId,
            ticket.MaskedId,
            ticket.RecallCount);
    }

    /// <summary>The tracking page of a ticket, <c>{PublicUrl}/t/{hall}/{number}</c>, with <c>?k={token}</c> when a token is given.</summary>
    public string TrackUrl(string hallId, string number, string? token = null) =>
        $"{PublicUrl.TrimEnd('/')}/t/{hallId}/{number}" + (token is null ? "" : "?k=" + token);

    /// <summary>Maps a counter state to its contract form.</summary>
    public static CounterInfo ToInfo(CounterState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new CounterInfo(state.CounterId, Kebab(state.Status.ToString()), state.TicketNumber, state.StaffId, state.Since);
    }

    private Reply FromTicket(HallRuntime hall, Outcome<Ticket> outcome) =>
        !outcome.IsOk ? Reply.Fail(outcome.Error!.Code, outcome.Error.Message)
        : new Reply(true, outcome.Value is null ? null : ToInfo(hall, outcome.Value, 0, 0), CounterOf(hall, outcome.Value?.CounterId));

    private static Reply FromCounter(HallRuntime hall, Outcome<CounterState> outcome) =>
        !outcome.IsOk ? Reply.Fail(outcome.Error!.Code, outcome.Error.Message) : new Reply(true, Counter: ToInfo(outcome.Value!));

    private static CounterInfo? CounterOf(HallRuntime hall, string? counterId) =>
        counterId is null || hall.Engine.FindCounter(counterId) is not { } c ? null : ToInfo(c);

    private static Reply UnknownHall(string hallId) => Reply.Fail(ErrorCodes.UnknownHall, $"no hall '{hallId}' on this server");

    private static bool TryPriority(string? text, out TicketPriority priority)
    {
        priority = text switch
        {
            null or "" or "normal" => TicketPriority.Normal,
            "appointment" => TicketPriority.Appointment,
            "green-channel" => TicketPriority.GreenChannel,
            _ => (TicketPriority)(-1),
        };
        return Enum.IsDefined(priority);
    }

    /// <summary>An engine enum value as the contract spells it: <c>GreenChannel</c> is <c>green-channel</c>.</summary>
    internal static string Kebab(string name) => JsonNamingPolicy.KebabCaseLower.ConvertName(name);
}
