using System.Net.Http.Json;
using System.Text.Json;
using HallDevices.Testing;

namespace HallDevices.QueueServer.Tests.Access;

/// <summary>Every HTTP change is recorded in the event log with who made it (<c>by</c>): the signed-in staff id, or <c>api:{integrator}</c>.</summary>
public sealed class HttpAttributionTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task A_ticket_issued_with_the_api_key_and_called_by_staff_w1_are_logged_by_api_booking_platform_and_staff_w1()
    {
        var server = fixture.Server.BaseUri;
        using var platform = StaffSessions.Integrator(server);
        using var zhang = await StaffSessions.SignInAsync(server, "staff-w1");

        // A service of w1's queues (civil), which needs the ID number.
        var issued = await platform.PostAsJsonAsync("/api/halls/xinqiao/tickets", new { serviceId = "subsistence", channel = "mobile", idNumber = "110105194912310021" });
        var number = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ticket").GetProperty("number").GetString();
        (await zhang.PostAsync(new Uri("/api/halls/xinqiao/counters/w1/login", UriKind.Relative), null)).EnsureSuccessStatusCode();
        var called = await zhang.PostAsync(new Uri("/api/halls/xinqiao/counters/w1/call-next", UriKind.Relative), null);
        Assert.Equal(number, (await called.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ticket").GetProperty("number").GetString());

        using var anyone = new HttpClient { BaseAddress = server };
        var events = await anyone.GetFromJsonAsync<List<JsonElement>>("/api/halls/xinqiao/events");
        string? By(string type) => events!.Single(e => e.GetProperty("type").GetString() == type && e.GetProperty("number").GetString() == number).GetProperty("by").GetString();
        Assert.Equal("api:booking-platform", By("ticket-issued"));
        Assert.Equal("staff-w1", By("ticket-called"));
        var login = events!.Single(e => e.GetProperty("type").GetString() == "counter-changed" && e.GetProperty("counterId").GetString() == "w1");
        Assert.Equal(("staff-w1", "staff-w1"), (login.GetProperty("staffId").GetString(), login.GetProperty("by").GetString()));
    }

    [Fact]
    public async Task A_staff_member_signed_in_at_a_counter_by_the_hall_manager_is_logged_as_done_by_the_manager()
    {
        var server = fixture.Server.BaseUri;
        using var manager = await StaffSessions.SignInAsync(server, StaffSessions.Manager);

        (await manager.PostAsJsonAsync("/api/halls/xinqiao/counters/w3/login", new { staffId = "staff-w3" })).EnsureSuccessStatusCode();

        using var anyone = new HttpClient { BaseAddress = server };
        var events = await anyone.GetFromJsonAsync<List<JsonElement>>("/api/halls/xinqiao/events");
        var login = events!.Single(e => e.GetProperty("type").GetString() == "counter-changed" && e.GetProperty("counterId").GetString() == "w3");
        Assert.Equal(("staff-w3", "manager"), (login.GetProperty("staffId").GetString(), login.GetProperty("by").GetString()));
    }
}
