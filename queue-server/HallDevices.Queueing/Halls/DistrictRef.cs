namespace HallDevices.Queueing.Halls;

/// <summary>The district a hall reports to (the monthly bulletin's grouping).</summary>
/// <param name="Id">District id, e.g. <c>xinqiao-district</c>; letters, digits, '-' and '_'.</param>
/// <param name="Name">Display name, e.g. 松江区.</param>
public sealed record DistrictRef(string Id, string Name);
