using System.Net;
using System.Text.Json;
using HallDevices.Contracts;
using HallDevices.Testing;

namespace HallDevices.QueueServer.Tests.Access;

/// <summary>
/// The API matrix of issue 14: every HTTP endpoint queue-server maps × every kind of caller (no
/// session, an unknown key, window staff, hall manager, district viewer, integrator key), against a
/// real server process, with the sample accounts signed in through the real login form.
/// </summary>
public sealed class ApiMatrixTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly string[] AccessCodes = [ErrorCodes.NotSignedIn, ErrorCodes.Forbidden, ErrorCodes.AntiforgeryFailed];

    [Fact]
    public async Task Every_endpoint_answers_each_kind_of_caller_as_the_matrix_says()
    {
        var failures = new List<string>();
        var callers = new Dictionary<Caller, HttpClient>();
        try
        {
            foreach (var caller in Enum.GetValues<Caller>())
            {
                callers[caller] = await ClientAsync(caller);
            }

            foreach (var row in ApiMatrix.Rows)
            {
                foreach (var (caller, expected) in row.Expected)
                {
                    using var fresh = row.FreshSessions ? await ClientAsync(caller) : null;
                    var (status, code) = await SendAsync(fresh ?? callers[caller], row);
                    var wanted = row.Page ? null : expected switch
                    {
                        401 => ErrorCodes.NotSignedIn,
                        403 => ErrorCodes.Forbidden,
                        _ => null,
                    };
                    if (status != expected || (wanted is not null && code != wanted) || (wanted is null && code is not null && AccessCodes.Contains(code)))
                    {
                        failures.Add($"{row.Method} {row.Path} as {caller}: expected {expected}{(wanted is null ? "" : " " + wanted)}, got {status} {code}");
                    }
                }
            }
        }
        finally
        {
            foreach (var client in callers.Values)
            {
                client.Dispose();
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task Every_endpoint_the_server_maps_is_in_the_matrix()
    {
        var mapped = await MappedEndpoints.ListAsync();
        var listed = ApiMatrix.Rows.Select(r => $"{r.Method} {r.Pattern}").ToHashSet();

        Assert.NotEmpty(mapped);
        Assert.True(mapped.Except(listed).ToList() is [], $"mapped but not in ApiMatrix (say who may call them): {string.Join(", ", mapped.Except(listed))}");
        Assert.True(listed.Except(mapped).ToList() is [], $"in ApiMatrix but not mapped: {string.Join(", ", listed.Except(mapped))}");
    }

    private async Task<HttpClient> ClientAsync(Caller caller)
    {
        var server = fixture.Server.BaseUri;
        return caller switch
        {
            Caller.Anonymous => new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = server },
            Caller.UnknownApiKey => StaffSessions.Integrator(server, "not-a-key-of-this-server"),
            Caller.WindowStaff => await StaffSessions.SignInAsync(server, "staff-w1"),
            Caller.HallManager => await StaffSessions.SignInAsync(server, StaffSessions.Manager),
            Caller.DistrictViewer => await StaffSessions.SignInAsync(server, StaffSessions.DistrictViewer),
            Caller.Integrator => StaffSessions.Integrator(server),
            _ => throw new ArgumentOutOfRangeException(nameof(caller)),
        };
    }

    /// <summary>The status and, for a JSON reply of the contract, its error code.</summary>
    private static async Task<(int Status, string? Code)> SendAsync(HttpClient client, MatrixRow row)
    {
        using var request = new HttpRequestMessage(new HttpMethod(row.Method), new Uri(row.Path, UriKind.Relative)) { Content = row.Body?.Invoke() };

        // Headers only: the live feed is an endless stream.
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var status = (int)response.StatusCode;
        if (response.Content.Headers.ContentType?.MediaType != "application/json")
        {
            return (status, null);
        }

        var body = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(body);
        var code = json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.Object
            ? e.GetProperty("code").GetString()
            : null;
        return (status, code);
    }
}
