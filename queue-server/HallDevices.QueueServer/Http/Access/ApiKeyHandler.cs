using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace HallDevices.QueueServer.Http.Access;

/// <summary>Authenticates an integrator by the <c>X-Api-Key</c> header against the hashed keys of <c>Api:Keys</c>.</summary>
public sealed class ApiKeyHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptions<ApiKeyOptions> keys) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <inheritdoc/>
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(StaffClaims.ApiKeyHeader, out var values) || values.ToString() is not { Length: > 0 } presented)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var hash = Encoding.ASCII.GetBytes(ApiKeyOptions.HashOf(presented));
        foreach (var key in keys.Value.Keys)
        {
            // Constant-time, so the time taken tells nothing about how much of a hash matched.
            if (CryptographicOperations.FixedTimeEquals(hash, Encoding.ASCII.GetBytes(key.KeyHash)))
            {
                return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(StaffClaims.For(key), StaffClaims.ApiKeyScheme)));
            }
        }

        return Task.FromResult(AuthenticateResult.Fail("unknown API key"));
    }
}
