using System.Text.Json.Serialization;

namespace HallDevices.Contracts;

/// <summary>The province's online service app (X事通: 随申办, 浙里办 ...) that 全程网办 services point to.</summary>
/// <param name="Name">Its name in Chinese.</param>
/// <param name="NameEn">English name, if given.</param>
/// <param name="Url">Where to get it, if given.</param>
public sealed record CatalogOnlineApp(
    string Name,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? NameEn,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Url);
