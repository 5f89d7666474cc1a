namespace HallDevices.Queueing.Halls;

/// <summary>
/// A service category the kiosk lists (hall file <c>categories</c>): a top-level category such as
/// 社保医保, or one of its sub-categories such as 养老保险. Services sit in categories without children.
/// </summary>
/// <param name="Id">Category id.</param>
/// <param name="Name">Display name in Chinese.</param>
/// <param name="NameEn">English name, if given.</param>
/// <param name="ParentId">The top-level category it belongs to, or null for a top-level one.</param>
public sealed record CategoryDefinition(string Id, string Name, string? NameEn, string? ParentId);
