using System.Text.Json.Serialization;

namespace HallDevices.Contracts;

/// <summary>A service category of the catalogue (社保医保, or a sub-category such as 养老保险).</summary>
/// <param name="Id">Category id; services name it in <see cref="CatalogServiceEntry.CategoryId"/>.</param>
/// <param name="Name">Display name in Chinese.</param>
/// <param name="NameEn">English name; left out when the hall file gives none.</param>
/// <param name="ParentId">The category it belongs to; left out for a top-level category.</param>
public sealed record CatalogCategoryEntry(
    string Id,
    string Name,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? NameEn,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ParentId);
