namespace HallDevices.Queueing.Halls;

/// <summary>The province's online service app (X事通) that 全程网办 services point to (hall file <c>onlineApp</c>).</summary>
/// <param name="Name">Its name, e.g. 随申办.</param>
/// <param name="NameEn">English name, if given.</param>
/// <param name="Url">Where to get it, if given.</param>
public sealed record OnlineApp(string Name, string? NameEn, string? Url);
