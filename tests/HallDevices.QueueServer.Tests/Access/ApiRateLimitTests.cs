using System.Net;
using System.Net.Http.Json;
using HallDevices.QueueServer.Http.Access;
using HallDevices.Testing;

namespace HallDevices.QueueServer.Tests.Access;

/// <summary>
/// Each integrator's API key has its own budget (<c>Api:RequestsPerMinute</c>, <c>Api:Burst</c>):
/// past it, 429 with Retry-After, while other keys, staff and citizens go on.
/// </summary>
public sealed class ApiRateLimitTests
{
    private const string OtherKey = "test-other-platform-key-0123456789";

    [Fact]
    public async Task A_key_past_its_burst_gets_429_with_retry_after_while_another_key_and_the_public_go_on_and_it_recovers()
    {
        await using var server = await ServerProcess.StartAsync(settings: new Dictionary<string, string>
        {
            ["Api:RequestsPerMinute"] = "60",
            ["Api:Burst"] = "5",
            ["Api:Keys:1:Name"] = "other-platform",
            ["Api:Keys:1:KeyHash"] = ApiKeyOptions.HashOf(OtherKey),
            ["Api:Keys:1:Halls:0"] = "xinqiao",
        });
        using var platform = StaffSessions.Integrator(server.BaseUri);
        using var other = StaffSessions.Integrator(server.BaseUri, OtherKey);
        using var citizen = new HttpClient { BaseAddress = server.BaseUri };

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 8 && refused is null; i++)
        {
            var response = await platform.PostAsJsonAsync("/api/halls/xinqiao/tickets", new { requestId = $"rate-{i}", serviceId = "consultation" });
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused = response;
            }
        }

        Assert.NotNull(refused);
        Assert.All(statuses.SkipLast(1), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.InRange(statuses.Count, 5, 7);
        var retryAfter = int.Parse(Assert.Single(refused!.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        Assert.Equal("rate-limited", (await refused.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("error").GetProperty("code").GetString());

        Assert.Equal(HttpStatusCode.OK, (await other.PostAsJsonAsync("/api/halls/xinqiao/tickets", new { requestId = "rate-other", serviceId = "consultation" })).StatusCode);
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await citizen.GetAsync(new Uri("/api/halls/xinqiao/queues", UriKind.Relative))).StatusCode);
        }

        await Task.Delay(TimeSpan.FromSeconds(retryAfter + 0.2));
        Assert.Equal(HttpStatusCode.OK, (await platform.PostAsJsonAsync("/api/halls/xinqiao/tickets", new { requestId = "rate-later", serviceId = "consultation" })).StatusCode);
    }
}
