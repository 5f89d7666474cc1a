namespace HallDevices.Contracts;

/// <summary>A queue a counter calls from.</summary>
/// <param name="QueueId">Queue.</param>
/// <param name="Weight">Relative share of calls taken from it.</param>
public sealed record CatalogCounterQueue(string QueueId, double Weight);
