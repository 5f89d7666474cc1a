using System.Text.Json.Serialization;

namespace HallDevices.Queueing.Tickets;

/// <summary>
/// Something that happened in a hall. Every state change appends one or more of these to the hall's
/// event log, numbered by a per-hall <see cref="Sequence"/> without gaps; reports are computed from
/// the log, and integrators use the sequence to detect and fetch what a broker dropped.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(TicketIssued), "ticket-issued")]
[JsonDerivedType(typeof(TicketCalled), "ticket-called")]
[JsonDerivedType(typeof(TicketRecalled), "ticket-recalled")]
[JsonDerivedType(typeof(TicketSkipped), "ticket-skipped")]
[JsonDerivedType(typeof(TicketReinstated), "ticket-reinstated")]
[JsonDerivedType(typeof(TicketFinished), "ticket-finished")]
[JsonDerivedType(typeof(TicketTransferred), "ticket-transferred")]
[JsonDerivedType(typeof(TicketVoided), "ticket-voided")]
[JsonDerivedType(typeof(TicketEvaluated), "evaluation")]
[JsonDerivedType(typeof(CounterChanged), "counter-changed")]
[JsonDerivedType(typeof(FollowUpOpened), "follow-up-opened")]
[JsonDerivedType(typeof(FollowUpRecorded), "follow-up-recorded")]
[JsonDerivedType(typeof(EvaluationAppealed), "evaluation-appealed")]
[JsonDerivedType(typeof(AppealReviewed), "appeal-reviewed")]
public abstract record HallEvent
{
    /// <summary>Position in the hall's event log, 1-based, gapless.</summary>
    public long Sequence { get; init; }

    /// <summary>The hall it happened in.</summary>
    public required string HallId { get; init; }

    /// <summary>When it happened (hall time zone offset).</summary>
    public DateTimeOffset At { get; init; }

    /// <summary>
    /// Who asked for the command that made it: a staff id (the person signed in, or a hall manager
    /// acting on someone's counter), <c>api:{integrator}</c> for an integrator's key; null for
    /// devices and the server itself (a kiosk's ticket, a day-end void).
    /// </summary>
    public string? By { get; init; }

    private static readonly Dictionary<Type, string> Names = typeof(HallEvent)
        .GetCustomAttributes(typeof(JsonDerivedTypeAttribute), false)
        .Cast<JsonDerivedTypeAttribute>()
        .ToDictionary(a => a.DerivedType, a => (string)a.TypeDiscriminator!);

    /// <summary>The event type name used in topics and the log, e.g. <c>ticket-called</c> (the JSON discriminator).</summary>
    [JsonIgnore]
    public string Type => Names[GetType()];
}

/// <summary>Base of events about one ticket.</summary>
public abstract record TicketEvent : HallEvent
{
    /// <summary>The ticket's unique id.</summary>
    public required string TicketId { get; init; }

    /// <summary>The printed number.</summary>
    public required string Number { get; init; }

    /// <summary>The queue the ticket is in when this happened.</summary>
    public required string QueueId { get; init; }

    /// <summary>The ticket's service.</summary>
    public required string ServiceId { get; init; }
}

/// <summary>A ticket was issued.</summary>
public sealed record TicketIssued : TicketEvent
{
    /// <summary>Channel it came from.</summary>
    public required string Channel { get; init; }

    /// <summary>Requesting device, if any.</summary>
    public string? DeviceId { get; init; }

    /// <summary>Priority class.</summary>
    public TicketPriority Priority { get; init; }

    /// <summary>People ahead at the moment of issue.</summary>
    public int WaitingAhead { get; init; }

    /// <summary>Estimated wait in minutes at the moment of issue.</summary>
    public int EstimatedWaitMinutes { get; init; }
}

/// <summary>A ticket was called to a counter.</summary>
public sealed record TicketCalled : TicketEvent
{
    /// <summary>The calling counter.</summary>
    public required string CounterId { get; init; }

    /// <summary>Staff signed in there.</summary>
    public string? StaffId { get; init; }

    /// <summary>Seconds from issue to this call.</summary>
    public double WaitedSeconds { get; init; }
}

/// <summary>A called ticket was announced again.</summary>
public sealed record TicketRecalled : TicketEvent
{
    /// <summary>The counter.</summary>
    public required string CounterId { get; init; }

    /// <summary>Recalls so far, this one included.</summary>
    public int RecallCount { get; init; }
}

/// <summary>A called ticket did not show up (过号).</summary>
public sealed record TicketSkipped : TicketEvent
{
    /// <summary>The counter.</summary>
    public required string CounterId { get; init; }
}

/// <summary>A skipped ticket came back within the window and waits again.</summary>
public sealed record TicketReinstated : TicketEvent;

/// <summary>A ticket was served to the end.</summary>
public sealed record TicketFinished : TicketEvent
{
    /// <summary>The counter.</summary>
    public required string CounterId { get; init; }

    /// <summary>Staff signed in there.</summary>
    public string? StaffId { get; init; }

    /// <summary>Seconds from call to finish.</summary>
    public double HandledSeconds { get; init; }

    /// <summary>Seconds from issue to call.</summary>
    public double WaitedSeconds { get; init; }
}

/// <summary>A ticket was handed on to another queue or counter.</summary>
public sealed record TicketTransferred : TicketEvent
{
    /// <summary>The counter that handed it on.</summary>
    public required string FromCounterId { get; init; }

    /// <summary>The queue it came from.</summary>
    public required string FromQueueId { get; init; }

    /// <summary>The counter it goes to, if transferred to a counter.</summary>
    public string? ToCounterId { get; init; }
}

/// <summary>A ticket was cancelled.</summary>
public sealed record TicketVoided : TicketEvent
{
    /// <summary>Why: <c>print-failed</c>, <c>day-ended</c>, ...</summary>
    public required string Reason { get; init; }
}

/// <summary>A counter signed in or out, paused or resumed.</summary>
public sealed record CounterChanged : HallEvent
{
    /// <summary>The counter.</summary>
    public required string CounterId { get; init; }

    /// <summary>The action: <c>login</c>, <c>logout</c>, <c>pause</c>, <c>resume</c>.</summary>
    public required string Action { get; init; }

    /// <summary>Staff involved.</summary>
    public string? StaffId { get; init; }

    /// <summary>The counter's status after the change.</summary>
    public CounterStatus Status { get; init; }
}
