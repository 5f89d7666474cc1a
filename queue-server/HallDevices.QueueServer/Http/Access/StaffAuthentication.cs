using HallDevices.Contracts;
using HallDevices.Hosting;
using HallDevices.QueueServer.Halls;
using HallDevices.QueueServer.Staff;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.RateLimiting;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace HallDevices.QueueServer.Http.Access;

/// <summary>Wiring of sign-in: staff cookie sessions, integrator API keys, anti-forgery.</summary>
public static class StaffAuthentication
{
    /// <summary>The rate-limit policy of <c>POST /staff/login</c>.</summary>
    public const string SignInLimit = "sign-in";

    /// <summary>Registers the staff file, the two authentication schemes and anti-forgery.</summary>
    public static WebApplicationBuilder AddStaffAuthentication(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var development = builder.Environment.IsDevelopment();
        services.AddOptions<StaffOptions>().BindConfiguration(StaffOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ApiKeyOptions>().BindConfiguration(ApiKeyOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.Keys.All(k => StaffFile.IsWellFormedId(k.Name) && System.Text.RegularExpressions.Regex.IsMatch(k.KeyHash, "^[0-9a-f]{64}$") && k.Halls.Count > 0),
                "Api:Keys: every key needs a Name (lower-case letters, digits, '.', '_', '-'), a KeyHash (lower-case hex SHA-256 of the key) and at least one hall")
            .Validate(o => o.Keys.Select(k => k.Name).Distinct(StringComparer.Ordinal).Count() == o.Keys.Count, "Api:Keys has a duplicate Name")
            .Validate(o => development || o.Keys.All(k => k.KeyHash != ApiKeyOptions.HashOf(ApiKeyOptions.SampleKey)),
                "Api:Keys still has the sample key from appsettings.json; set your integrators' keys for production")
            .ValidateOnStart();
        services.AddSingleton<StaffDirectory>();
        services.AddSingleton<IValidateOptions<StaffOptions>>(sp => new SampleAccountsRefused(development));

        // Sessions survive a restart: the keys that seal the cookies live with the hall's data.
        var storage = builder.Configuration[$"{StorageOptions.Section}:Path"] ?? "data";
        services.AddDataProtection().SetApplicationName("HallDevices.QueueServer")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(Path.GetFullPath(storage), "keys")));

        services.AddAntiforgery(o =>
        {
            o.HeaderName = StaffClaims.CsrfHeader;
            o.Cookie.Name = "hall.csrf";
            o.Cookie.SameSite = SameSiteMode.Strict;
        });

        services.AddAuthentication(StaffClaims.Scheme)
            .AddPolicyScheme(StaffClaims.Scheme, "session or API key", o => o.ForwardDefaultSelector = http =>
                http.Request.Headers.ContainsKey(StaffClaims.ApiKeyHeader) ? StaffClaims.ApiKeyScheme : StaffClaims.CookieScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyHandler>(StaffClaims.ApiKeyScheme, null)
            .AddCookie(StaffClaims.CookieScheme, _ => { });
        services.AddOptions<CookieAuthenticationOptions>(StaffClaims.CookieScheme).Configure<IOptions<StaffOptions>, HallClock>((o, staff, clock) =>
        {
            // Sessions expire on the hall clock, like everything else that waits.
            o.TimeProvider = clock.Time;
            o.Cookie.Name = "hall.staff";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromMinutes(staff.Value.SessionMinutes);
            o.SlidingExpiration = true;
            o.LoginPath = "/staff/login";
            o.Events.OnValidatePrincipal = ValidateAsync;
            o.Events.OnRedirectToLogin = c => Refuse(c, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = c => Refuse(c, StatusCodes.Status403Forbidden);
        });
        services.AddAuthorization();

        // Per network address, so one guesser can neither lock the hall's staff out faster than
        // this nor keep the CPU busy with password hashes.
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, cancellationToken) =>
            {
                var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? (int)Math.Ceiling(retry.TotalSeconds) : 1;
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (context.HttpContext.User.Identity?.AuthenticationType == StaffClaims.ApiKeyScheme)
                {
                    // An integration reads the contract's reply, as for every other refusal.
                    await context.HttpContext.Response.WriteAsJsonAsync(
                        Reply.Fail(ErrorCodes.RateLimited, $"this key is past its budget of {context.HttpContext.RequestServices.GetRequiredService<IOptions<ApiKeyOptions>>().Value.RequestsPerMinute} requests a minute; retry after {seconds} s"),
                        ContractJson.Options,
                        cancellationToken);
                }
            };
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(IntegratorPartition);
            o.AddPolicy(SignInLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = http.RequestServices.GetRequiredService<IOptions<StaffOptions>>().Value.SignInsPerMinutePerAddress,
                    Window = TimeSpan.FromMinutes(1),
                }));
        });
        return builder;
    }

    /// <summary>
    /// One token bucket per integrator's API key (<c>Api:RequestsPerMinute</c>, <c>Api:Burst</c>);
    /// staff, kiosks' browsers and citizens are not limited here. Authentication has run by now
    /// (UseAuthentication before UseRateLimiter), so a request with a wrong key is already anonymous.
    /// </summary>
    private static RateLimitPartition<string> IntegratorPartition(HttpContext http)
    {
        if (http.User.Identity is not { IsAuthenticated: true, AuthenticationType: StaffClaims.ApiKeyScheme } || http.User.Id() is not { } key)
        {
            return RateLimitPartition.GetNoLimiter("not-an-integrator");
        }

        var api = http.RequestServices.GetRequiredService<IOptions<ApiKeyOptions>>().Value;
        return RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = api.Burst,

            // Refilled every second, so a client told Retry-After: 1 finds a token when it comes back.
            TokensPerPeriod = Math.Max(1, api.RequestsPerMinute / 60),
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    // A session ends when its account is gone or was changed (new password, role, halls, counters).
    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var staff = context.HttpContext.RequestServices.GetRequiredService<StaffDirectory>();
        var id = context.Principal?.Id();
        var stamp = context.Principal?.FindFirst(StaffClaims.Stamp)?.Value;
        if (id is null || staff.Find(id) is not { } account || StaffDirectory.Stamp(account) != stamp)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(StaffClaims.CookieScheme);
        }
    }

    private static Task Refuse(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (!context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            context.Response.Redirect(context.RedirectUri);
            return Task.CompletedTask;
        }

        return HallAccess.Refusal(status).ExecuteAsync(context.HttpContext);
    }

    /// <summary>Outside Development, an account whose password is still <c>sample-{id}</c> stops the server.</summary>
    private sealed class SampleAccountsRefused(bool development) : IValidateOptions<StaffOptions>
    {
        public ValidateOptionsResult Validate(string? name, StaffOptions options)
        {
            if (development)
            {
                return ValidateOptionsResult.Success;
            }

            var path = StaffDirectory.ResolvePath(options.File);
            if (!File.Exists(path))
            {
                return ValidateOptionsResult.Success; // StaffDirectory says so, with the fix.
            }

            var samples = StaffFile.Read(path).Where(a => StaffDirectory.HasPassword(a, "sample-" + a.Id)).Select(a => a.Id).ToList();
            return samples.Count == 0 ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"Staff:File {path} still has sample passwords ({string.Join(", ", samples)}); set real ones with `queue-server set-password ID` for production");
        }
    }
}
