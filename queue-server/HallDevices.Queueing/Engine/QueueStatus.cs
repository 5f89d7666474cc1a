namespace HallDevices.Queueing.Engine;

/// <summary>Live figures of one queue.</summary>
/// <param name="QueueId">The queue.</param>
/// <param name="Waiting">Tickets waiting (transferred ones included).</param>
/// <param name="LongestWaitSeconds">How long the oldest waiting ticket has waited.</param>
/// <param name="EstimatedWaitMinutes">Estimated wait for a ticket issued now.</param>
/// <param name="MeanHandlingSeconds">Mean of recent handling times (or the hall default).</param>
public sealed record QueueStatus(string QueueId, int Waiting, double LongestWaitSeconds, int EstimatedWaitMinutes, double MeanHandlingSeconds);
