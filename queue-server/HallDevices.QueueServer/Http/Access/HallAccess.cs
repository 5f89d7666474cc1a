using System.Security.Claims;
using HallDevices.Contracts;
using HallDevices.QueueServer.Halls;
using HallDevices.QueueServer.Staff;
using Microsoft.AspNetCore.Antiforgery;

namespace HallDevices.QueueServer.Http.Access;

/// <summary>
/// Who may call what: an endpoint filter that answers 401 without a session or key, 403 for a role,
/// hall or counter that may not, 400 for a cookie session's change without its anti-forgery token —
/// with the same error JSON as every other refusal.
/// </summary>
public static class HallAccess
{
    /// <summary>Requires <paramref name="permission"/> on the route's <c>{hallId}</c> (and <c>{counterId}</c>).</summary>
    public static TBuilder RequireHall<TBuilder>(this TBuilder builder, HallPermission permission)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var hallId = http.Request.RouteValues["hallId"] as string ?? "";
            var counterId = http.Request.RouteValues["counterId"] as string;
            return await CheckAsync(http, hallId, counterId, permission) ?? await next(context);
        });

    /// <summary>
    /// Requires a district viewer whose halls cover the route's <c>{districtId}</c>
    /// (<see cref="AllowsDistrict"/>): a district's bulletin and its imported logs.
    /// </summary>
    public static TBuilder RequireDistrict<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var districtId = http.Request.RouteValues["districtId"] as string ?? "";
            var halls = http.RequestServices.GetRequiredService<HallRegistry>().Halls
                .Where(h => h.Hall.District?.Id == districtId).Select(h => h.Hall.Id).ToList();
            var user = http.User;
            return await GuardAsync(http, AllowsDistrict(user, districtId, halls), $"{user.Role()} {user.Id()} may not read district {districtId}") ?? await next(context);
        });

    /// <summary>Null when the request may go on; otherwise the refusal to send.</summary>
    public static Task<IResult?> CheckAsync(HttpContext http, string hallId, string? counterId, HallPermission permission)
    {
        ArgumentNullException.ThrowIfNull(http);
        var user = http.User;
        return GuardAsync(http, user.Id() is not null && Allows(user, hallId, counterId, permission), $"{user.Role()} {user.Id()} may not do that in hall {hallId}{(counterId is null ? "" : " at " + counterId)}");
    }

    /// <summary>
    /// A district's reports are for the district's viewers: an account of every hall (<c>*</c>), or
    /// one that lists every hall of the district this server runs (<paramref name="hallsOfDistrict"/>;
    /// with none here, only <c>*</c> covers it). Hall managers see their own hall's report only.
    /// </summary>
    public static bool AllowsDistrict(ClaimsPrincipal user, string districtId, IReadOnlyCollection<string> hallsOfDistrict)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(hallsOfDistrict);
        return user.Role() == StaffRoles.DistrictViewer && districtId.Length > 0
            && (user.InHall("*") || (hallsOfDistrict.Count > 0 && hallsOfDistrict.All(user.InHall)));
    }

    // 401 without a session or key, 403 when not allowed, 400 for a cookie session's change
    // without its anti-forgery token; null when the request may go on.
    private static async Task<IResult?> GuardAsync(HttpContext http, bool allowed, string refusal)
    {
        var user = http.User;
        if (user.Id() is null)
        {
            return Refusal(StatusCodes.Status401Unauthorized);
        }

        if (!allowed)
        {
            return Refusal(StatusCodes.Status403Forbidden, refusal);
        }

        if (user.IsCookieSession() && !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
        {
            try
            {
                await http.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(http);
            }
            catch (AntiforgeryValidationException)
            {
                return Results.Json(
                    Reply.Fail(ErrorCodes.AntiforgeryFailed, $"this change needs the session's anti-forgery token in the {StaffClaims.CsrfHeader} header (GET /staff/session gives it)"),
                    ContractJson.Options,
                    statusCode: StatusCodes.Status400BadRequest);
            }
        }

        return null;
    }

    /// <summary>The role rules, by themselves (the API matrix test reads them as documentation).</summary>
    public static bool Allows(ClaimsPrincipal user, string hallId, string? counterId, HallPermission permission)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.InHall(hallId))
        {
            return false;
        }

        return (user.Role(), permission) switch
        {
            (StaffRoles.DistrictViewer, HallPermission.View or HallPermission.Oversee or HallPermission.ReviewAppeal) => true,
            (StaffRoles.HallManager, _) => true,
            (StaffRoles.WindowStaff, HallPermission.View or HallPermission.Appeal) => true,
            (StaffRoles.WindowStaff, HallPermission.WorkCounter) => counterId is not null && user.Account().MayWork(hallId, counterId),
            (StaffRoles.Integrator, HallPermission.IssueTicket or HallPermission.Book) => true,
            _ => false,
        };
    }

    /// <summary>The 401 or 403 answer.</summary>
    public static IResult Refusal(int status, string? message = null) => status == StatusCodes.Status401Unauthorized
        ? Results.Json(Reply.Fail(ErrorCodes.NotSignedIn, message ?? $"sign in at /staff/login, or send an integrator key in the {StaffClaims.ApiKeyHeader} header"), ContractJson.Options, statusCode: status)
        : Results.Json(Reply.Fail(ErrorCodes.Forbidden, message ?? "this account may not do that"), ContractJson.Options, statusCode: status);
}
