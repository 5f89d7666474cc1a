using HallDevices.Contracts;
using HallDevices.Kiosk.Flows;

namespace HallDevices.Kiosk.Queue;

/// <summary>A queue of the catalogue with its live waiting count.</summary>
/// <param name="Id">Queue id.</param>
/// <param name="Name">Display name.</param>
/// <param name="Waiting">People waiting now (from the board).</param>
public sealed record CatalogQueue(string Id, string Name, int Waiting);

/// <summary>A service category (or sub-category) of the catalogue.</summary>
/// <param name="Id">Category id.</param>
/// <param name="Name">Chinese name.</param>
/// <param name="NameEn">English name, or null (the page then shows <paramref name="Name"/>).</param>
/// <param name="ParentId">The category it belongs to, or null at the top level.</param>
public sealed record CatalogCategory(string Id, string Name, string? NameEn, string? ParentId);

/// <summary>The hall as the kiosk shows it.</summary>
/// <param name="HallName">Hall name.</param>
/// <param name="Queues">Queues in catalogue order, with waiting counts.</param>
/// <param name="Services">Services in catalogue order.</param>
public sealed record CatalogSnapshot(string HallName, IReadOnlyList<CatalogQueue> Queues, IReadOnlyList<CatalogService> Services)
{
    /// <summary>Categories in catalogue order, parents before children (one per queue from a server that sends none).</summary>
    public IReadOnlyList<CatalogCategory> Categories { get; init; } = [];

    /// <summary>
    /// 常办事项, most wanted first: today's most issued services (the board's <c>popular</c>) topped up with
    /// the hall file's <c>frequent</c>, at most <see cref="CommonSize"/>.
    /// </summary>
    public IReadOnlyList<string> Common { get; init; } = [];

    /// <summary>The online app 全程网办 services point to, or null.</summary>
    public CatalogOnlineApp? OnlineApp { get; init; }

    /// <summary>How many services <see cref="Common"/> lists at most (the page shows fewer in elderly mode).</summary>
    public const int CommonSize = 8;
}
