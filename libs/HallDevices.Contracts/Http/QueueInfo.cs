namespace HallDevices.Contracts;

/// <summary>Live figures of one queue (<c>GET /api/halls/{hallId}/queues</c>).</summary>
/// <param name="QueueId">Queue.</param>
/// <param name="Waiting">Tickets waiting.</param>
/// <param name="LongestWaitSeconds">How long the first in line has waited.</param>
/// <param name="EstimatedWaitMinutes">Estimate for a ticket issued now.</param>
/// <param name="MeanHandlingSeconds">Mean handling time the estimate uses.</param>
public sealed record QueueInfo(string QueueId, int Waiting, double LongestWaitSeconds, int EstimatedWaitMinutes, double MeanHandlingSeconds);
