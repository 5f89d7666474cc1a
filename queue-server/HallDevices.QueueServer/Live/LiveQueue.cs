namespace HallDevices.QueueServer.Live;

/// <summary>A queue with its waiting tickets.</summary>
/// <param name="Id">Queue id.</param>
/// <param name="Name">Its name.</param>
/// <param name="Prefix">Ticket number prefix.</param>
/// <param name="Waiting">Tickets waiting.</param>
/// <param name="LongestWaitSeconds">How long the oldest has waited.</param>
/// <param name="EstimatedWaitMinutes">What a new ticket is told.</param>
/// <param name="Next">The next few, in the order they will be called (priority first).</param>
public sealed record LiveQueue(string Id, string Name, string Prefix, int Waiting, double LongestWaitSeconds, int EstimatedWaitMinutes, IReadOnlyList<LiveTicket> Next);
