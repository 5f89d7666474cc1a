using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using HallDevices.Contracts;

namespace HallDevices.DeviceSim.Demo;

/// <summary>
/// The staff console's and the booking site's side of the server's HTTP API, for what no device
/// does: staff sign in at the start of the day (a caller keypad has no login key) and citizens book
/// appointments before they come. Both authenticate as real users do: each staff member through the
/// login form with a cookie session of their own, the booking site with its integrator key.
/// </summary>
public sealed partial class StaffConsole(Uri server, string hallId) : IDisposable
{
    /// <summary>The sample integrator key of queue-server's appsettings.json (the demo's server runs in Development).</summary>
    public const string SampleApiKey = "sample-booking-platform-key";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly List<HttpClient> _sessions = [];
    private readonly HttpClient _booking = BookingClient(server);

    /// <summary>
    /// Signs <paramref name="staffId"/> in at the console (the sample account's password is
    /// <c>sample-{id}</c>), then at <paramref name="counter"/>; a refusal ends the demo naming the window.
    /// </summary>
    public async Task SignInAsync(string counter, string staffId, CancellationToken cancellationToken)
    {
        var http = await SessionAsync(staffId, cancellationToken);
        var body = await PostAsync(http, $"/api/halls/{hallId}/counters/{counter}/login", ContractJson.SerializeToUtf8Bytes(new CounterRequest { StaffId = staffId }), cancellationToken);
        var reply = ContractJson.Deserialize<Reply>(body);
        if (reply is not { Ok: true })
        {
            throw new DemoException("script", $"{counter} login at the staff console: {reply?.Error?.Code}");
        }
    }

    /// <summary>
    /// A cookie session of <paramref name="staffId"/> through the login form (password
    /// <c>sample-{id}</c>), sending the session's anti-forgery token with every request; disposed
    /// with the console.
    /// </summary>
    public async Task<HttpClient> SessionAsync(string staffId, CancellationToken cancellationToken)
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = server, Timeout = Timeout };
        _sessions.Add(http);

        // The login form carries the anti-forgery token its post must send back.
        var form = await http.GetStringAsync(new Uri("/staff/login", UriKind.Relative), cancellationToken);
        using var login = await http.PostAsync(new Uri("/staff/login", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(TokenField().Match(form).Groups[1].Value),
            ["username"] = staffId,
            ["password"] = "sample-" + staffId,
        }), cancellationToken);
        if (login.StatusCode != HttpStatusCode.Redirect)
        {
            throw new DemoException("script", $"{staffId} could not sign in at the staff console (HTTP {(int)login.StatusCode})");
        }

        // Every change of a cookie session carries the session's anti-forgery token.
        using var session = JsonDocument.Parse(await http.GetStringAsync(new Uri("/staff/session", UriKind.Relative), cancellationToken));
        http.DefaultRequestHeaders.Add("X-CSRF-TOKEN", session.RootElement.GetProperty("csrfToken").GetString());
        return http;
    }

    /// <summary><c>POST /api/halls/{hall}/appointments</c> with the booking site's key: the code the citizen brings to the kiosk.</summary>
    public async Task<string> BookAppointmentAsync(string serviceId, CancellationToken cancellationToken)
    {
        var body = await PostAsync(_booking, $"/api/halls/{hallId}/appointments", ContractJson.SerializeToUtf8Bytes(new BookingRequest(serviceId)), cancellationToken);

        // A booking is answered with a BookingReply, a refusal with the contract's Reply.
        if (ContractJson.Deserialize<Reply>(body) is { Ok: true } && ContractJson.Deserialize<BookingReply>(body) is { AppointmentCode: { } code })
        {
            return code;
        }

        throw new DemoException("script", $"booking {serviceId}: no appointment code ({ContractJson.Deserialize<Reply>(body)?.Error?.Code})");
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _booking.Dispose();
        foreach (var session in _sessions)
        {
            session.Dispose();
        }
    }

    private static HttpClient BookingClient(Uri server)
    {
        var http = new HttpClient { BaseAddress = server, Timeout = Timeout };
        http.DefaultRequestHeaders.Add("X-Api-Key", SampleApiKey);
        return http;
    }

    private static async Task<byte[]> PostAsync(HttpClient http, string path, byte[] json, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(json);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync(new Uri(path, UriKind.Relative), content, cancellationToken);
        return await response.Content.ReadAsByteArrayAsync(cancellationToken);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
