namespace HallDevices.Queueing.Tickets;

/// <summary>What a counter is doing.</summary>
public enum CounterStatus
{
    /// <summary>Nobody signed in.</summary>
    Closed,

    /// <summary>Staff signed in, nobody being served.</summary>
    Idle,

    /// <summary>Serving the ticket it called.</summary>
    Serving,

    /// <summary>Signed in but not calling (break, paperwork).</summary>
    Paused,
}

/// <summary>The live state of one counter.</summary>
/// <param name="CounterId">The counter.</param>
/// <param name="Status">What it is doing.</param>
/// <param name="StaffId">Who is signed in, if anyone.</param>
/// <param name="TicketId">The ticket being served, when <see cref="CounterStatus.Serving"/>.</param>
/// <param name="TicketNumber">That ticket's printed number.</param>
/// <param name="Since">When it entered this status.</param>
public sealed record CounterState(
    string CounterId,
    CounterStatus Status,
    string? StaffId,
    string? TicketId,
    string? TicketNumber,
    DateTimeOffset Since);
