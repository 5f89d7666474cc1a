using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace HallDevices.LoadGen.Http;

/// <summary>One request's answer: its time from send to the whole body read, what came back, and the 429's Retry-After.</summary>
internal readonly record struct HttpSample(long Ticks, string Outcome, bool Ok, string? RetryAfter);

/// <summary>
/// An integrator (the booking site, the online platform) over HTTP/1.1 with its <c>X-Api-Key</c>:
/// at most <c>connections</c> connections, kept alive, so requests beyond them wait for a free one
/// and that wait is part of their latency, as it would be for a real platform's pool.
/// </summary>
internal sealed class IntegratorClient : IDisposable
{
    /// <summary>The sample key of appsettings.json (Development only), named booking-platform.</summary>
    public const string SampleKey = "sample-booking-platform-key";

    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly HttpClient _http;

    public IntegratorClient(Uri server, int connections, TimeSpan timeout)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        };
        _http = new HttpClient(handler) { BaseAddress = server, Timeout = timeout };
        _http.DefaultRequestHeaders.Add("X-Api-Key", SampleKey);
    }

    /// <summary>POSTs <paramref name="body"/>; never throws for the server's answer, a timeout or a broken connection (they are outcomes).</summary>
    public async Task<HttpSample> PostAsync(string path, byte[] body, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = Json;
            using var response = await _http.PostAsync(new Uri(path, UriKind.Relative), content, ct);
            var bytes = await response.Content.ReadAsByteArrayAsync(ct);
            var ticks = Stopwatch.GetTimestamp() - started;
            var status = (int)response.StatusCode;
            var retry = response.Headers.TryGetValues("Retry-After", out var values) ? string.Join(',', values) : null;
            var ok = response.StatusCode == HttpStatusCode.OK && IsOk(bytes);
            return new(ticks, ok ? "200 ok" : $"{status} {ErrorCode(bytes) ?? "(no error code)"}", ok, retry);
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return new(Stopwatch.GetTimestamp() - started, "timeout", false, null);
        }
        catch (HttpRequestException e)
        {
            return new(Stopwatch.GetTimestamp() - started, $"failed: {e.HttpRequestError}", false, null);
        }
    }

    public void Dispose() => _http.Dispose();

    private static bool IsOk(byte[] body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.TryGetProperty("ok", out var ok) && ok.ValueKind == JsonValueKind.True;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The contract reply's <c>error.code</c>, when the body is one.</summary>
    private static string? ErrorCode(byte[] body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("code", out var code) ? code.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
