namespace HallDevices.Queueing.Engine;

/// <summary>Why the engine refused a command; <see cref="Code"/> is a stable kebab-case code for clients.</summary>
/// <param name="Code">Stable code, see <see cref="ErrorCodes"/>.</param>
/// <param name="Message">Human-readable explanation.</param>
public sealed record QueueError(string Code, string Message);

/// <summary>The result of an engine command: a value, or a <see cref="QueueError"/>.</summary>
/// <typeparam name="T">The value type.</typeparam>
public sealed record Outcome<T>
{
    private Outcome(T? value, QueueError? error)
    {
        Value = value;
        Error = error;
    }

    /// <summary>The value when the command succeeded (may itself be null, e.g. call-next with nobody waiting).</summary>
    public T? Value { get; }

    /// <summary>The refusal, when the command failed.</summary>
    public QueueError? Error { get; }

    /// <summary>True when the command succeeded.</summary>
    public bool IsOk => Error is null;

    /// <summary>A success.</summary>
    public static Outcome<T> Success(T? value) => new(value, null);

    /// <summary>A refusal.</summary>
    public static Outcome<T> Fail(string code, string message) => new(default, new QueueError(code, message));
}

/// <summary>The engine's refusal codes; part of the public contract (MQTT and HTTP replies carry them).</summary>
public static class ErrorCodes
{
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

    /// <summary>A requestId came back with a different kind of request.</summary>
    public const string RequestIdReused = "request-id-reused";

    /// <summary>A request is missing something or has a wrong value.</summary>
    public const string InvalidRequest = "invalid-request";
}
