using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace HallDevices.Testing;

/// <summary>
/// HTTP clients of queue-server as its users are: a staff member signed in through the real login
/// form (cookie session, anti-forgery token on every change) or an integrator with its API key.
/// The sample accounts are those of <c>queue-server/HallDevices.QueueServer/staff/sample-staff.json</c>.
/// </summary>
public static partial class StaffSessions
{
    /// <summary>The sample integrator key of appsettings.json (Development only).</summary>
    public const string SampleApiKey = "sample-booking-platform-key";

    /// <summary>The sample hall manager of the sample town hall.</summary>
    public const string Manager = "manager";

    /// <summary>The sample district viewer.</summary>
    public const string DistrictViewer = "district";

    /// <summary>The sample password of a sample account: <c>sample-{id}</c>.</summary>
    public static string SamplePassword(string staffId) => "sample-" + staffId;

    /// <summary>
    /// Signs in through <c>GET/POST /staff/login</c> and returns a client that carries the session
    /// cookie and sends the session's anti-forgery token with every request.
    /// </summary>
    public static async Task<HttpClient> SignInAsync(Uri baseUri, string staffId, string? password = null)
    {
        var cookies = new CookieContainer();
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = baseUri };
        var (status, _) = await PostLoginAsync(client, staffId, password ?? SamplePassword(staffId));
        Assert.True(status == HttpStatusCode.Redirect, $"sign-in of {staffId} answered {(int)status}, not a redirect");
        var session = await client.GetFromJsonAsync<JsonElement>("/staff/session");
        client.DefaultRequestHeaders.Add("X-CSRF-TOKEN", session.GetProperty("csrfToken").GetString());
        return client;
    }

    /// <summary>Posts the login form once (with a fresh anti-forgery token); returns the status and the page or redirect target.</summary>
    public static async Task<(HttpStatusCode Status, string Body)> PostLoginAsync(HttpClient client, string staffId, string password)
    {
        ArgumentNullException.ThrowIfNull(client);
        var form = await client.GetStringAsync(new Uri("/staff/login", UriKind.Relative));
        var token = TokenField().Match(form).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), "the login page has no anti-forgery field");
        using var response = await client.PostAsync(new Uri("/staff/login", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["username"] = staffId,
            ["password"] = password,
        }));
        var body = response.StatusCode == HttpStatusCode.Redirect ? response.Headers.Location?.ToString() ?? "" : await response.Content.ReadAsStringAsync();
        return (response.StatusCode, body);
    }

    /// <summary>A client that sends <paramref name="apiKey"/> in <c>X-Api-Key</c> (and, as an integration does, does not follow redirects to pages).</summary>
    public static HttpClient Integrator(Uri baseUri, string apiKey = SampleApiKey)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = baseUri };
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
