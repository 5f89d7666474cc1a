namespace HallDevices.QueueServer.Live;

/// <summary>
/// One hall as the staff console and the dashboard see it, pushed whole on every change: small
/// enough (a hall has a handful of counters and queues) that sending it all beats diffing, and
/// built once per change for every open page.
/// </summary>
/// <param name="HallId">The hall.</param>
/// <param name="HallName">Its name.</param>
/// <param name="Sequence">Sequence of the last event included.</param>
/// <param name="At">When it was built, on the hall clock (the page measures waits from it).</param>
/// <param name="ServiceLevelMinutes">The hall's service level: a ticket waiting longer is late.</param>
/// <param name="ReinstateWindowMinutes">How long after a skip a no-show may be reinstated.</param>
/// <param name="Counters">Every counter.</param>
/// <param name="Queues">Every queue with its next tickets.</param>
/// <param name="NoShows">Today's no-shows still within the reinstate window, newest first.</param>
/// <param name="Today">The hall's day so far.</param>
public sealed record LiveSnapshot(
    string HallId,
    string HallName,
    long Sequence,
    DateTimeOffset At,
    int ServiceLevelMinutes,
    int ReinstateWindowMinutes,
    IReadOnlyList<LiveCounter> Counters,
    IReadOnlyList<LiveQueue> Queues,
    IReadOnlyList<LiveTicket> NoShows,
    LiveDay Today)
{
    /// <summary>Every device that published a status (the dashboard's device health), times in the hall's offset.</summary>
    public IReadOnlyList<Devices.DeviceHealth> Devices { get; init; } = [];

    /// <summary>What needs a manager's attention now (<see cref="Dashboard.HallAlerts"/>).</summary>
    public IReadOnlyList<Dashboard.HallAlert> Alerts { get; init; } = [];
}
