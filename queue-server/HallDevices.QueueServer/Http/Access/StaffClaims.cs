using System.Security.Claims;
using HallDevices.QueueServer.Staff;

namespace HallDevices.QueueServer.Http.Access;

/// <summary>How a session or an API key is described to the rest of the server, and read back.</summary>
public static class StaffClaims
{
    /// <summary>The cookie scheme of staff sessions.</summary>
    public const string CookieScheme = "staff";

    /// <summary>The header scheme of integrators.</summary>
    public const string ApiKeyScheme = "api-key";

    /// <summary>The scheme that picks one of the two per request.</summary>
    public const string Scheme = "hall";

    /// <summary>The header that carries an integrator's key.</summary>
    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>The header that carries a session's anti-forgery token on a change.</summary>
    public const string CsrfHeader = "X-CSRF-TOKEN";

    internal const string Hall = "hall";
    internal const string Counter = "counter";
    internal const string Stamp = "stamp";

    /// <summary>The claims of a staff session.</summary>
    public static ClaimsPrincipal For(StaffAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, account.Id),
            new(ClaimTypes.Name, account.Name),
            new(ClaimTypes.Role, account.Role),
            new(Stamp, StaffDirectory.Stamp(account)),
        };
        claims.AddRange(account.Halls.Select(h => new Claim(Hall, h)));
        claims.AddRange(account.Counters.Select(c => new Claim(Counter, c)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieScheme));
    }

    /// <summary>The claims of an integrator's key.</summary>
    public static ClaimsPrincipal For(ApiKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, "api:" + key.Name),
            new(ClaimTypes.Name, key.Name),
            new(ClaimTypes.Role, StaffRoles.Integrator),
        };
        claims.AddRange(key.Halls.Select(h => new Claim(Hall, h)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, ApiKeyScheme));
    }

    /// <summary>The staff id (or <c>api:{name}</c>) of a signed-in principal, null when anonymous.</summary>
    public static string? Id(this ClaimsPrincipal user) =>
        user?.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;

    /// <summary>The role of a signed-in principal.</summary>
    public static string? Role(this ClaimsPrincipal user) => user?.FindFirstValue(ClaimTypes.Role);

    /// <summary>True when the principal belongs to the hall.</summary>
    public static bool InHall(this ClaimsPrincipal user, string hallId) =>
        user.FindAll(Hall).Any(c => c.Value == "*" || c.Value == hallId);

    /// <summary>True when the session came from the cookie (so a change needs its anti-forgery token).</summary>
    public static bool IsCookieSession(this ClaimsPrincipal user) => user?.Identity?.AuthenticationType == CookieScheme;

    /// <summary>The account the session was granted for, rebuilt from its claims.</summary>
    public static StaffAccount Account(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new StaffAccount
        {
            Id = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "",
            Name = user.FindFirstValue(ClaimTypes.Name) ?? "",
            Role = user.Role() ?? "",
            Halls = user.FindAll(Hall).Select(c => c.Value).ToList(),
            Counters = user.FindAll(Counter).Select(c => c.Value).ToList(),
        };
    }
}
