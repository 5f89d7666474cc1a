using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using HallDevices.Contracts;

namespace HallDevices.LoadGen.Consoles;

/// <summary>
/// One HTTP user of queue-server as the staff pages are: a session signed in through the real
/// login form (cookie, <c>X-CSRF-TOKEN</c> on every POST), or the integrator with its API key.
/// Each has its own <see cref="HttpClient"/> and so its own connections, like one browser.
/// </summary>
internal sealed partial class HallSession : IDisposable
{
    /// <summary>The sample integrator key of appsettings.json (Development only).</summary>
    public const string SampleApiKey = "sample-booking-platform-key";

    private readonly HttpClient _http;

    private HallSession(HttpClient http, string who)
    {
        _http = http;
        Who = who;
    }

    /// <summary>The staff id, or <c>api:booking-platform</c>.</summary>
    public string Who { get; }

    /// <summary>Signs <paramref name="staffId"/> in with its sample password (<c>sample-{id}</c>) through GET/POST /staff/login.</summary>
    public static async Task<HallSession> SignInAsync(Uri baseUri, string staffId, TimeSpan timeout, CancellationToken ct)
    {
        var http = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = baseUri, Timeout = Timeout.InfiniteTimeSpan };
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            deadline.CancelAfter(timeout);
            var form = await http.GetStringAsync(new Uri("/staff/login", UriKind.Relative), deadline.Token);
            var token = TokenField().Match(form) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException("the login page has no anti-forgery field");
            using var content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["username"] = staffId,
                ["password"] = "sample-" + staffId,
            });
            using (var response = await http.PostAsync(new Uri("/staff/login", UriKind.Relative), content, deadline.Token))
            {
                if (response.StatusCode != HttpStatusCode.Redirect)
                {
                    throw new InvalidOperationException($"sign-in of {staffId} answered {(int)response.StatusCode}, not a redirect");
                }
            }

            using var session = JsonDocument.Parse(await http.GetStringAsync(new Uri("/staff/session", UriKind.Relative), deadline.Token));
            http.DefaultRequestHeaders.Add("X-CSRF-TOKEN", session.RootElement.GetProperty("csrfToken").GetString());
            return new HallSession(http, staffId);
        }
        catch
        {
            http.Dispose();
            throw;
        }
    }

    /// <summary>The integrator of the sample key.</summary>
    public static HallSession Integrator(Uri baseUri)
    {
        var http = new HttpClient { BaseAddress = baseUri, Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.Add("X-Api-Key", SampleApiKey);
        return new HallSession(http, "api:booking-platform");
    }

    /// <summary>Posts a contract request as JSON and reads the contract reply (also a refusal's, which comes with 4xx).</summary>
    public async Task<Reply> PostAsync<T>(string path, T body, TimeSpan timeout, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        using var content = new ByteArrayContent(ContractJson.SerializeToUtf8Bytes(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await _http.PostAsync(new Uri(path, UriKind.Relative), content, deadline.Token);
        var bytes = await response.Content.ReadAsByteArrayAsync(deadline.Token);
        return ContractJson.Deserialize<Reply>(bytes) ?? throw new InvalidOperationException($"POST {path}: {(int)response.StatusCode} with no reply");
    }

    /// <summary>GET as JSON.</summary>
    public async Task<JsonDocument> GetJsonAsync(string path, TimeSpan timeout, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        await using var stream = await _http.GetStreamAsync(new Uri(path, UriKind.Relative), deadline.Token);
        return await JsonDocument.ParseAsync(stream, cancellationToken: deadline.Token);
    }

    /// <summary>Opens a streaming GET: the response as soon as its headers are in, the body read as it comes.</summary>
    public async Task<HttpResponseMessage> OpenStreamAsync(string path, CancellationToken ct)
    {
        var response = await _http.GetAsync(new Uri(path, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, ct);
        if (!response.IsSuccessStatusCode)
        {
            var status = (int)response.StatusCode;
            response.Dispose();
            throw new InvalidOperationException($"GET {path} as {Who} answered {status}");
        }

        return response;
    }

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
