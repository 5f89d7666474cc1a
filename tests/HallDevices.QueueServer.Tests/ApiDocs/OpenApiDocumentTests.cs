using System.Text.Json;
using HallDevices.Contracts;
using HallDevices.QueueServer.Tests.Access;

namespace HallDevices.QueueServer.Tests.ApiDocs;

/// <summary>
/// The OpenAPI document a real queue-server process serves at <c>/openapi/v1.json</c>: it lists
/// every endpoint the server maps (but the browser pages named here), each with its summary and
/// responses, the refusal shape and error codes, and the API-key and staff-cookie schemes.
/// </summary>
public sealed class OpenApiDocumentTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    /// <summary>
    /// Mapped but not in the document, by name: pages for people in a browser (the sign-in form with
    /// its anti-forgery token, the staff console and dashboard, the docs page) and the document itself.
    /// A new endpoint is in neither list until it is described, so this test fails for it.
    /// </summary>
    internal static readonly string[] Excluded =
    [
        "GET /staff/login", "POST /staff/login", "GET /console", "GET /dashboard", "GET /api/docs", "GET /openapi/{documentName}.json",
    ];

    private static readonly string[] Methods = ["get", "post", "put", "patch", "delete"];

    [Fact]
    public async Task The_document_lists_every_mapped_endpoint_except_the_named_browser_pages()
    {
        var mapped = await MappedEndpoints.ListAsync();
        using var doc = await DocumentAsync();
        var documented = Operations(doc.RootElement).Select(o => o.Key).ToHashSet();

        Assert.True(Excluded.Except(mapped).ToList() is [], $"excluded but not mapped (drop them from the list): {string.Join(", ", Excluded.Except(mapped))}");
        var expected = mapped.Except(Excluded).Select(Normal).ToHashSet();
        Assert.True(expected.Except(documented).ToList() is [], $"mapped but not in the document (describe them, or name them in Excluded): {string.Join(", ", expected.Except(documented))}");
        Assert.True(documented.Except(expected).ToList() is [], $"in the document but not mapped (or mapped and excluded): {string.Join(", ", documented.Except(expected))}");
        Assert.Contains("POST /api/halls/{hallId}/tickets", documented);
    }

    [Fact]
    public async Task Every_operation_has_a_tag_a_summary_a_description_and_at_least_one_response()
    {
        using var doc = await DocumentAsync();
        var failures = new List<string>();
        foreach (var (key, op) in Operations(doc.RootElement))
        {
            if (!op.TryGetProperty("summary", out var s) || string.IsNullOrWhiteSpace(s.GetString()))
            {
                failures.Add($"{key}: no summary");
            }

            if (!op.TryGetProperty("description", out var d) || string.IsNullOrWhiteSpace(d.GetString()))
            {
                failures.Add($"{key}: no description");
            }

            if (!op.TryGetProperty("tags", out var tags) || tags.GetArrayLength() == 0)
            {
                failures.Add($"{key}: no tag");
            }

            if (!op.TryGetProperty("responses", out var responses) || !responses.EnumerateObject().Any())
            {
                failures.Add($"{key}: no response");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task The_document_is_openapi_3_with_the_api_key_scheme_the_refusal_shape_and_every_error_code()
    {
        using var client = new HttpClient { BaseAddress = fixture.Server.BaseUri };
        using var response = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = doc.RootElement;

        Assert.StartsWith("3.", root.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var info = root.GetProperty("info");
        Assert.Equal("HallDevices queue-server integration API", info.GetProperty("title").GetString());
        var description = info.GetProperty("description").GetString()!;
        Assert.All(ErrorCodes.All, code => Assert.Contains($"`{code}`", description, StringComparison.Ordinal));

        var schemes = root.GetProperty("components").GetProperty("securitySchemes");
        var key = schemes.GetProperty("apiKey");
        Assert.Equal(("apiKey", "header", "X-Api-Key"), (key.GetProperty("type").GetString(), key.GetProperty("in").GetString(), key.GetProperty("name").GetString()));
        var cookie = schemes.GetProperty("staffCookie");
        Assert.Equal(("cookie", "hall.staff"), (cookie.GetProperty("in").GetString(), cookie.GetProperty("name").GetString()));

        // The refusal shape is a shared schema, and the operations' refusals point at it.
        var error = root.GetProperty("components").GetProperty("schemas").GetProperty("ErrorReply").GetProperty("properties");
        Assert.True(error.TryGetProperty("ok", out _) && error.TryGetProperty("error", out _));
        var tickets = root.GetProperty("paths").GetProperty("/api/halls/{hallId}/tickets").GetProperty("post");
        Assert.EndsWith("/ErrorReply", tickets.GetProperty("responses").GetProperty("422").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("/TicketRequest", tickets.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString(), StringComparison.Ordinal);

        // Who may call: issuing a ticket takes a key or a session; the queues are public.
        var security = tickets.GetProperty("security").EnumerateArray().SelectMany(r => r.EnumerateObject().Select(p => p.Name)).ToList();
        Assert.Equal(["staffCookie", "apiKey"], security);
        Assert.True(tickets.GetProperty("responses").TryGetProperty("429", out _), "a key's request past its rate limit is 429");
        Assert.False(root.GetProperty("paths").GetProperty("/api/halls/{hallId}/queues").GetProperty("get").TryGetProperty("security", out _));

        // Untyped answers keep their media types: a report is JSON, CSV or PDF.
        var report = root.GetProperty("paths").GetProperty("/api/halls/{hallId}/reports").GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("content");
        Assert.Equal(["application/json", "text/csv", "application/pdf"], report.EnumerateObject().Select(p => p.Name));
    }

    /// <summary>A route pattern as the document writes its path (no trailing slash).</summary>
    private static string Normal(string endpoint) => endpoint.Length > 1 && endpoint.EndsWith('/') ? endpoint[..^1] : endpoint;

    private static IEnumerable<KeyValuePair<string, JsonElement>> Operations(JsonElement root) =>
        root.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject()
            .Where(op => Methods.Contains(op.Name))
            .Select(op => KeyValuePair.Create($"{op.Name.ToUpperInvariant()} {path.Name}", op.Value)));

    private async Task<JsonDocument> DocumentAsync()
    {
        using var client = new HttpClient { BaseAddress = fixture.Server.BaseUri };
        return JsonDocument.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
    }
}
