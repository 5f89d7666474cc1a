namespace HallDevices.QueueServer.Live;

/// <summary>A counter on the console and the dashboard.</summary>
/// <param name="Id">Counter id.</param>
/// <param name="Name">Its name (1号窗口).</param>
/// <param name="Status">closed, idle, serving or paused.</param>
/// <param name="StaffId">Who is signed in.</param>
/// <param name="StaffName">Their name, from the staff file.</param>
/// <param name="Since">When it entered this status.</param>
/// <param name="Fallback">True for the window that serves every queue when idle.</param>
/// <param name="QueueIds">The queues it serves, by weight.</param>
/// <param name="Ticket">The ticket being served.</param>
/// <param name="Day">Its day so far.</param>
public sealed record LiveCounter(
    string Id,
    string Name,
    string Status,
    string? StaffId,
    string? StaffName,
    DateTimeOffset Since,
    bool Fallback,
    IReadOnlyList<string> QueueIds,
    LiveTicket? Ticket,
    LiveCounterDay Day);
