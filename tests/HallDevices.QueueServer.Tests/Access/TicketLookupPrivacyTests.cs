using System.Net.Http.Json;
using System.Text.Json;
using HallDevices.Testing;

namespace HallDevices.QueueServer.Tests.Access;

/// <summary>
/// <c>GET /api/halls/{hallId}/tickets/{number}</c>: the number is public (the board shows it), the
/// masked ID is the citizen's — given only with the ticket's tracking token or to the hall's staff and integrators.
/// </summary>
public sealed class TicketLookupPrivacyTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task The_masked_id_is_shown_with_the_tickets_token_or_to_the_hall_and_never_to_someone_who_only_knows_the_number()
    {
        await using var kiosk = await HallDevices.Testing.Mqtt.ConnectAsync(fixture.Server.MqttPort, Sample.Kiosk);
        var issued = await kiosk.RequestAsync("ticket", new { requestId = Guid.NewGuid().ToString("N"), serviceId = "pension-enrol", idNumber = "110105194912310021" });
        var number = issued.Number();
        var token = new Uri(issued.GetProperty("ticket").GetProperty("trackUrl").GetString()!).Query.TrimStart('?').Split('&').Single(p => p.StartsWith("k=", StringComparison.Ordinal))[2..];
        using var stranger = new HttpClient { BaseAddress = fixture.Server.BaseUri };
        using var platform = StaffSessions.Integrator(fixture.Server.BaseUri);
        using var manager = await StaffSessions.SignInAsync(fixture.Server.BaseUri, "manager");

        async Task<JsonElement> Lookup(HttpClient client, string query = "") =>
            (await client.GetFromJsonAsync<JsonElement>($"/api/halls/xinqiao/tickets/{number}{query}")).GetProperty("ticket");

        var byNumber = await Lookup(stranger);
        var wrongToken = await Lookup(stranger, "?k=not-the-token");
        var withToken = await Lookup(stranger, "?k=" + Uri.EscapeDataString(token));

        Assert.Equal("waiting", byNumber.GetProperty("status").GetString());
        Assert.False(byNumber.TryGetProperty("maskedId", out _));
        Assert.False(wrongToken.TryGetProperty("maskedId", out _));
        Assert.Equal("1101**********0021", withToken.GetProperty("maskedId").GetString());
        Assert.Equal("1101**********0021", (await Lookup(platform)).GetProperty("maskedId").GetString());
        Assert.Equal("1101**********0021", (await Lookup(manager)).GetProperty("maskedId").GetString());
    }
}
