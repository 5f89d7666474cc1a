namespace HallDevices.Contracts;

/// <summary>Waiting figures of one queue on the board.</summary>
/// <param name="QueueId">Queue.</param>
/// <param name="QueueName">Display name.</param>
/// <param name="Prefix">Ticket prefix.</param>
/// <param name="Waiting">Tickets waiting.</param>
/// <param name="EstimatedWaitMinutes">Estimate for a ticket issued now.</param>
public sealed record BoardQueue(string QueueId, string QueueName, string Prefix, int Waiting, int EstimatedWaitMinutes);
