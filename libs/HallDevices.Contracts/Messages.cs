namespace HallDevices.Contracts;

/// <summary>A ticket as clients see it (MQTT replies and events, HTTP). Times carry the hall's offset.</summary>
/// <param name="Number">Printed number, e.g. <c>A012</c>.</param>
/// <param name="QueueId">Queue it waits in.</param>
/// <param name="ServiceId">Service chosen.</param>
/// <param name="ServiceName">Service display name.</param>
/// <param name="IssuedAt">When it was issued.</param>
/// <param name="Status">Lifecycle status, kebab-case (<c>waiting</c>, <c>called</c>, <c>finished</c>, <c>no-show</c>, <c>transferred</c>, <c>voided</c>).</param>
/// <param name="WaitingAhead">People to be called before it.</param>
/// <param name="EstimatedWaitMinutes">Estimated wait.</param>
/// <param name="TrackUrl">Tracking page for the citizen's phone.</param>
/// <param name="Priority">Priority class (<c>normal</c>, <c>appointment</c>, <c>green-channel</c>).</param>
/// <param name="CounterId">Counter that called it, if called.</param>
/// <param name="MaskedId">Masked ID number, when an ID card was used.</param>
/// <param name="RecallCount">Times re-announced.</param>
public sealed record TicketInfo(
    string Number,
    string QueueId,
    string ServiceId,
    string ServiceName,
    DateTimeOffset IssuedAt,
    string Status,
    int WaitingAhead,
    int EstimatedWaitMinutes,
    string? TrackUrl,
    string Priority,
    string? CounterId,
    string? MaskedId,
    int RecallCount);

/// <summary>A refusal: stable kebab-case code plus human text.</summary>
/// <param name="Code">e.g. <c>daily-limit</c>.</param>
/// <param name="Message">Explanation for people.</param>
public sealed record ErrorInfo(string Code, string Message);

/// <summary>Ticket request body (<c>hall/{hallId}/req/ticket</c>, <c>POST /api/halls/{hallId}/tickets</c>).</summary>
public sealed record TicketRequest
{
    /// <summary>Client-chosen id; a repeat returns the first answer.</summary>
    public string? RequestId { get; init; }

    /// <summary>The service chosen.</summary>
    public string? ServiceId { get; init; }

    /// <summary><c>kiosk</c>, <c>mobile</c>, <c>console</c>.</summary>
    public string? Channel { get; init; }

    /// <summary>The requesting device.</summary>
    public string? DeviceId { get; init; }

    /// <summary>Raw ID number read from the card: hashed and masked on arrival, never stored.</summary>
    public string? IdNumber { get; init; }

    /// <summary>Appointment code scanned at the kiosk.</summary>
    public string? AppointmentCode { get; init; }

    /// <summary><c>normal</c>, <c>appointment</c> or <c>green-channel</c>.</summary>
    public string? Priority { get; init; }

    /// <summary>MQTT 3.1.1 clients: topic for the reply.</summary>
    public string? ReplyTo { get; init; }
}

/// <summary>Counter action body (<c>hall/{hallId}/req/counter</c>).</summary>
public sealed record CounterRequest
{
    /// <summary>Client-chosen id; a repeat returns the first answer.</summary>
    public string? RequestId { get; init; }

    /// <summary>The counter.</summary>
    public string? CounterId { get; init; }

    /// <summary><c>login</c> <c>logout</c> <c>call-next</c> <c>recall</c> <c>skip</c> <c>finish</c> <c>transfer</c> <c>pause</c> <c>resume</c>.</summary>
    public string? Action { get; init; }

    /// <summary>Staff member (for login).</summary>
    public string? StaffId { get; init; }

    /// <summary>Target queue (for transfer).</summary>
    public string? ToQueueId { get; init; }

    /// <summary>Target counter (for transfer).</summary>
    public string? ToCounterId { get; init; }

    /// <summary>MQTT 3.1.1 clients: topic for the reply.</summary>
    public string? ReplyTo { get; init; }
}

/// <summary>Rating from an evaluator (<c>hall/{hallId}/req/evaluate</c>).</summary>
public sealed record EvaluateRequest
{
    /// <summary>Client-chosen id; a repeat returns the first answer.</summary>
    public string? RequestId { get; init; }

    /// <summary>The ticket rated.</summary>
    public string? TicketNumber { get; init; }

    /// <summary>The counter that served it.</summary>
    public string? CounterId { get; init; }

    /// <summary>1 (very dissatisfied) to 5 (very satisfied).</summary>
    public int? Score { get; init; }

    /// <summary>MQTT 3.1.1 clients: topic for the reply.</summary>
    public string? ReplyTo { get; init; }
}

/// <summary>Outcome of printing a ticket (<c>hall/{hallId}/req/print-result</c>); a failed print voids it.</summary>
public sealed record PrintResultRequest
{
    /// <summary>Client-chosen id; a repeat returns the first answer.</summary>
    public string? RequestId { get; init; }

    /// <summary>The ticket printed (or not).</summary>
    public string? TicketNumber { get; init; }

    /// <summary>True when the receipt came out.</summary>
    public bool? Ok { get; init; }

    /// <summary>Why it failed: <c>paper-out</c>, <c>cover-open</c>, ...</summary>
    public string? Reason { get; init; }

    /// <summary>MQTT 3.1.1 clients: topic for the reply.</summary>
    public string? ReplyTo { get; init; }
}

/// <summary>Fetch of missed events by sequence (<c>hall/{hallId}/req/events</c>).</summary>
public sealed record EventsRequest
{
    /// <summary>Client-chosen id.</summary>
    public string? RequestId { get; init; }

    /// <summary>Return events with a sequence greater than this.</summary>
    public long? After { get; init; }

    /// <summary>At most this many (1–1000, default 500).</summary>
    public int? Limit { get; init; }

    /// <summary>MQTT 3.1.1 clients: topic for the reply.</summary>
    public string? ReplyTo { get; init; }
}
