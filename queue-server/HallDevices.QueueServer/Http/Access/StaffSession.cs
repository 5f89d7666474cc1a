namespace HallDevices.QueueServer.Http.Access;

/// <summary>What <c>GET /staff/session</c> tells a page.</summary>
/// <param name="Id">Staff id.</param>
/// <param name="Name">Display name.</param>
/// <param name="Role">Role.</param>
/// <param name="Halls">Halls of the account.</param>
/// <param name="Counters">Counters a window-staff account may work (empty: any of its halls).</param>
/// <param name="CsrfToken">Send it in the <c>X-CSRF-TOKEN</c> header with every change.</param>
public sealed record StaffSession(string Id, string Name, string Role, IReadOnlyList<string> Halls, IReadOnlyList<string> Counters, string CsrfToken);
