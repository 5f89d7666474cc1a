namespace HallDevices.Queueing.Tickets;

/// <summary>Where a ticket is in its life.</summary>
public enum TicketStatus
{
    /// <summary>Issued, waiting to be called.</summary>
    Waiting,

    /// <summary>Called to a counter and being served there.</summary>
    Called,

    /// <summary>Served to the end.</summary>
    Finished,

    /// <summary>Skipped as a no-show (过号); can be reinstated within the hall's window.</summary>
    NoShow,

    /// <summary>Handed on by a counter to another queue or counter; waiting again there.</summary>
    Transferred,

    /// <summary>Cancelled (e.g. the receipt failed to print, or the day ended); never called.</summary>
    Voided,
}

/// <summary>Priority class; a higher class is called before a lower one at the same counter.</summary>
public enum TicketPriority
{
    /// <summary>An ordinary walk-in ticket.</summary>
    Normal = 0,

    /// <summary>An online appointment checked in at the kiosk (预约签到).</summary>
    Appointment = 1,

    /// <summary>Green channel: elderly, disabled, pregnant (绿色通道).</summary>
    GreenChannel = 2,
}

/// <summary>
/// A ticket. Immutable: every change produces a new record, so a committed snapshot can never be
/// altered behind the store's back. The raw ID number is never here, only its keyed hash and a
/// masked form.
/// </summary>
public sealed record Ticket
{
    /// <summary>Unique within the hall: service day and number, e.g. <c>20261127-A001</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The printed number, e.g. <c>A001</c>; unique within one service day.</summary>
    public required string Number { get; init; }

    /// <summary>The queue it waits in now (changes when transferred to another queue).</summary>
    public required string QueueId { get; init; }

    /// <summary>The service asked for.</summary>
    public required string ServiceId { get; init; }

    /// <summary>The hall's local date on which it was issued.</summary>
    public required DateOnly ServiceDay { get; init; }

    /// <summary>The number within its queue and day (1 for <c>A001</c>).</summary>
    public required int Sequence { get; init; }

    /// <summary>When it was issued; kept across transfers so waiting time stays honest.</summary>
    public required DateTimeOffset IssuedAt { get; init; }

    /// <summary>Lifecycle status.</summary>
    public TicketStatus Status { get; init; }

    /// <summary>Priority class.</summary>
    public TicketPriority Priority { get; init; }

    /// <summary>Where it came from: <c>kiosk</c>, <c>mobile</c>, <c>console</c>, ...</summary>
    public string Channel { get; init; } = "kiosk";

    /// <summary>The device that requested it, if any.</summary>
    public string? DeviceId { get; init; }

    /// <summary>Keyed hash of the citizen's ID number (for limits and matching), never the number.</summary>
    public string? IdHash { get; init; }

    /// <summary>Masked ID number for print, e.g. <c>3401**********1234</c>.</summary>
    public string? MaskedId { get; init; }

    /// <summary>The online booking it was checked in for, if any.</summary>
    public string? AppointmentId { get; init; }

    /// <summary>
    /// The tracking token in the ticket's QR link (<c>/t/{hall}/{number}?k={token}</c>): random,
    /// given by whoever issued the ticket, and what lets the citizen rate it online. Never published.
    /// </summary>
    public string? Token { get; init; }

    /// <summary>The counter that called it last.</summary>
    public string? CounterId { get; init; }

    /// <summary>The staff member who called it last.</summary>
    public string? StaffId { get; init; }

    /// <summary>When transferred to a specific counter, that counter; it is called there first.</summary>
    public string? TargetCounterId { get; init; }

    /// <summary>When it was last called.</summary>
    public DateTimeOffset? CalledAt { get; init; }

    /// <summary>When it was finished.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>When it was skipped as a no-show.</summary>
    public DateTimeOffset? SkippedAt { get; init; }

    /// <summary>When it was last transferred.</summary>
    public DateTimeOffset? TransferredAt { get; init; }

    /// <summary>How many times it was re-announced (重呼).</summary>
    public int RecallCount { get; init; }

    /// <summary>How many times it was transferred.</summary>
    public int TransferCount { get; init; }

    /// <summary>The citizen's rating 1–5 (好差评), once given.</summary>
    public int? Score { get; init; }

    /// <summary>Why it was voided, when it was.</summary>
    public string? VoidReason { get; init; }

    /// <summary>True while it can still be called.</summary>
    public bool IsWaiting => Status is TicketStatus.Waiting or TicketStatus.Transferred;

    /// <summary>Formats a printed number: prefix and at least three digits (<c>A001</c>, <c>A1000</c>).</summary>
    public static string FormatNumber(string prefix, int sequence) =>
        string.Concat(prefix, sequence.ToString("D3", System.Globalization.CultureInfo.InvariantCulture));
}
