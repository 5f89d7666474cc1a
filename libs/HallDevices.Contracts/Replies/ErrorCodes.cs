namespace HallDevices.Contracts;

/// <summary>
/// Every refusal code of contract v1 (docs/mqtt-api.md, "Requests and replies"): stable, kebab-case,
/// carried by MQTT and HTTP replies alike in <see cref="ErrorInfo.Code"/>. Clients switch on them;
/// the message next to a code is for people and may change.
/// </summary>
public static class ErrorCodes
{
    /// <summary>The payload is not a JSON object.</summary>
    public const string MalformedJson = "malformed-json";

    /// <summary>A request is missing something or has a wrong value (also a missing <c>requestId</c>, an unknown action).</summary>
    public const string InvalidRequest = "invalid-request";

    /// <summary>The payload is larger than <c>Mqtt:MaxPayloadBytes</c>.</summary>
    public const string PayloadTooLarge = "payload-too-large";

    /// <summary>No such hall on this server.</summary>
    public const string UnknownHall = "unknown-hall";

    /// <summary>No such service in the hall.</summary>
    public const string UnknownService = "unknown-service";

    /// <summary>No such counter in the hall.</summary>
    public const string UnknownCounter = "unknown-counter";

    /// <summary>No such queue in the hall.</summary>
    public const string UnknownQueue = "unknown-queue";

    /// <summary>No ticket with that number today.</summary>
    public const string UnknownTicket = "unknown-ticket";

    /// <summary>The service needs the resident ID card.</summary>
    public const string IdRequired = "id-required";

    /// <summary>The person reached the service's daily limit.</summary>
    public const string DailyLimit = "daily-limit";

    /// <summary>The service's daily capacity is used up.</summary>
    public const string CapacityReached = "capacity-reached";

    /// <summary>Appointments are not offered for this service.</summary>
    public const string AppointmentNotAllowed = "appointment-not-allowed";

    /// <summary>The appointment code was not signed by this system.</summary>
    public const string AppointmentForged = "appointment-forged";

    /// <summary>The appointment's check-in time has passed.</summary>
    public const string AppointmentExpired = "appointment-expired";

    /// <summary>The appointment's check-in time has not begun.</summary>
    public const string AppointmentTooEarly = "appointment-too-early";

    /// <summary>The appointment is for another hall.</summary>
    public const string AppointmentWrongHall = "appointment-wrong-hall";

    /// <summary>The appointment was already checked in.</summary>
    public const string AppointmentUsed = "appointment-used";

    /// <summary>Nobody is signed in at the counter.</summary>
    public const string CounterClosed = "counter-closed";

    /// <summary>The counter is paused.</summary>
    public const string CounterPaused = "counter-paused";

    /// <summary>Another staff member is signed in at the counter.</summary>
    public const string CounterOccupied = "counter-occupied";

    /// <summary>The staff member is signed in at another counter.</summary>
    public const string StaffElsewhere = "staff-elsewhere";

    /// <summary>The action needs a ticket being served, and there is none.</summary>
    public const string NotServing = "not-serving";

    /// <summary>The action needs the current ticket finished first.</summary>
    public const string TicketInProgress = "ticket-in-progress";

    /// <summary>The ticket is not in a state that allows the action.</summary>
    public const string InvalidTicketState = "invalid-ticket-state";

    /// <summary>A skipped ticket came back too late.</summary>
    public const string ReinstateWindowPassed = "reinstate-window-passed";

    /// <summary>The rating is not 1–5.</summary>
    public const string InvalidScore = "invalid-score";

    /// <summary>The ticket was already rated.</summary>
    public const string AlreadyEvaluated = "already-evaluated";

    /// <summary>The ticket was not served at that counter.</summary>
    public const string NotServedHere = "not-served-here";

    /// <summary>The rating window of the case (the hall's <c>evaluation.windowMinutes</c> after finish) has passed.</summary>
    public const string EvaluationClosed = "evaluation-closed";

    /// <summary>A reason of a bad rating is not one of the hall's <c>evaluation.reasons</c>.</summary>
    public const string UnknownReason = "unknown-reason";

    /// <summary>HTTP only: no follow-up case for that ticket (only a bad rating opens one).</summary>
    public const string UnknownFollowUp = "unknown-follow-up";

    /// <summary>HTTP only: follow-up steps go call-back, rectification, satisfaction, each once.</summary>
    public const string FollowUpStepOutOfOrder = "follow-up-step-out-of-order";

    /// <summary>HTTP only: the follow-up case is closed (satisfaction recorded, or an appeal upheld).</summary>
    public const string FollowUpClosed = "follow-up-closed";

    /// <summary>HTTP only: the rating was already appealed (once per case).</summary>
    public const string AlreadyAppealed = "already-appealed";

    /// <summary>HTTP only: the rating has no appeal waiting for review.</summary>
    public const string NoAppeal = "no-appeal";

    /// <summary>The hall's journal could not be written or its database is far behind: nothing was changed, try again.</summary>
    public const string StorageUnavailable = "storage-unavailable";

    /// <summary>A <c>requestId</c> came back with a different kind of request.</summary>
    public const string RequestIdReused = "request-id-reused";

    /// <summary>HTTP only (401): the endpoint needs a staff session or an integrator API key, and the request has neither (or an expired one).</summary>
    public const string NotSignedIn = "not-signed-in";

    /// <summary>HTTP only (403): signed in, but this role, hall or counter may not do that.</summary>
    public const string Forbidden = "forbidden";

    /// <summary>HTTP only (400): a cookie-authenticated change without the anti-forgery token of the session.</summary>
    public const string AntiforgeryFailed = "antiforgery-failed";

    /// <summary>HTTP only (400): a report's period is missing, malformed or backwards (<c>day</c>, <c>month</c>, or <c>from</c> with <c>to</c>).</summary>
    public const string InvalidPeriod = "invalid-period";

    /// <summary>HTTP only (400): an imported event log is not one (the message names the line), or is of another district.</summary>
    public const string InvalidImport = "invalid-import";

    /// <summary>HTTP only (404): no hall of this server and no imported log belongs to that district.</summary>
    public const string UnknownDistrict = "unknown-district";

    /// <summary>HTTP only (404): a report chart that does not exist.</summary>
    public const string UnknownChart = "unknown-chart";

    /// <summary>HTTP only (429, with Retry-After): an integrator's key is past its budget.</summary>
    public const string RateLimited = "rate-limited";

    /// <summary>HTTP only (404): the hall file gives the service no guide (办事指南).</summary>
    public const string NoGuide = "no-guide";

    /// <summary>Every code above, in the order of the table in docs/mqtt-api.md.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        MalformedJson, InvalidRequest, PayloadTooLarge,
        UnknownHall, UnknownService, UnknownCounter, UnknownQueue, UnknownTicket,
        IdRequired, DailyLimit, CapacityReached, AppointmentNotAllowed,
        AppointmentForged, AppointmentExpired, AppointmentTooEarly, AppointmentWrongHall, AppointmentUsed,
        CounterClosed, CounterPaused, CounterOccupied, StaffElsewhere, NotServing, TicketInProgress,
        InvalidTicketState, ReinstateWindowPassed, InvalidScore, AlreadyEvaluated, NotServedHere,
        EvaluationClosed, UnknownReason, UnknownFollowUp, FollowUpStepOutOfOrder, FollowUpClosed, AlreadyAppealed, NoAppeal,
        StorageUnavailable, RequestIdReused,
        NotSignedIn, Forbidden, AntiforgeryFailed,
        InvalidPeriod, InvalidImport, UnknownDistrict, UnknownChart,
        NoGuide, RateLimited,
    ];
}
