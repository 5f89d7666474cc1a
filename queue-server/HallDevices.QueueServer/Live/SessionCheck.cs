using HallDevices.Hosting;
using HallDevices.QueueServer.Http.Access;
using HallDevices.QueueServer.Staff;
using Microsoft.AspNetCore.Authentication;

namespace HallDevices.QueueServer.Live;

/// <summary>Whether the staff session that opened a long-lived stream would still be accepted now.</summary>
internal sealed class SessionCheck
{
    private readonly StaffDirectory _staff;
    private readonly HallClock _clock;
    private readonly string? _id;
    private readonly string? _stamp;
    private readonly DateTimeOffset? _expires;

    private SessionCheck(StaffDirectory staff, HallClock clock, string? id, string? stamp, DateTimeOffset? expires)
    {
        _staff = staff;
        _clock = clock;
        _id = id;
        _stamp = stamp;
        _expires = expires;
    }

    /// <summary>Reads the request's session (its account, stamp and expiry).</summary>
    public static async Task<SessionCheck> ForAsync(HttpContext http)
    {
        var result = await http.AuthenticateAsync(StaffClaims.CookieScheme);
        return new SessionCheck(
            http.RequestServices.GetRequiredService<StaffDirectory>(),
            http.RequestServices.GetRequiredService<HallClock>(),
            http.User.Id(),
            http.User.FindFirst(StaffClaims.Stamp)?.Value,
            result.Properties?.ExpiresUtc);
    }

    /// <summary>False once the session has expired or its account is gone or changed.</summary>
    public bool StillValid() =>
        _id is not null
        && (_expires is null || _clock.Time.GetUtcNow() < _expires)
        && _staff.Find(_id) is { } account
        && StaffDirectory.Stamp(account) == _stamp;
}
