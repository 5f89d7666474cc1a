namespace HallDevices.Contracts;

/// <summary>A counter of the catalogue.</summary>
/// <param name="Id">Counter id.</param>
/// <param name="Name">Display name.</param>
/// <param name="Fallback">True for the counter that serves every queue when nobody else does.</param>
/// <param name="Queues">Queues it calls from, with their weights.</param>
public sealed record CatalogCounterEntry(string Id, string Name, bool Fallback, IReadOnlyList<CatalogCounterQueue> Queues);
