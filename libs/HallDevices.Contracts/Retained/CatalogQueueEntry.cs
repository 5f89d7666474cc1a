namespace HallDevices.Contracts;

/// <summary>A queue of the catalogue.</summary>
/// <param name="Id">Queue id.</param>
/// <param name="Prefix">Ticket number prefix, e.g. <c>A</c>.</param>
/// <param name="Name">Display name.</param>
public sealed record CatalogQueueEntry(string Id, string Prefix, string Name);
