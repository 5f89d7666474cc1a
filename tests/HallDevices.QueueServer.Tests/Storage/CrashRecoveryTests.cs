using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using HallDevices.Testing;

namespace HallDevices.QueueServer.Tests.Storage;

public class CrashRecoveryTests
{
    private const string Hall = "xinqiao";

    [Fact]
    public async Task After_kill_9_mid_load_no_acknowledged_ticket_is_lost_no_number_is_reused_and_none_is_called_twice()
    {
        // A load test of the store, not of the integrators' rate limit: the key's budget is set out of the way.
        await using var server = await ServerProcess.StartAsync(settings: new Dictionary<string, string> { ["Api:RequestsPerMinute"] = "1000000", ["Api:Burst"] = "100000" });
        using var http = new HttpClient { BaseAddress = server.BaseUri, Timeout = TimeSpan.FromSeconds(10) };

        // As in the hall: each window's own staff works it, the tickets come from an integrator (the
        // kiosks' MQTT path is tested elsewhere). Their sessions outlive the kills: the keys that seal
        // the cookies are kept with the hall's data.
        using var w5 = await StaffSessions.SignInAsync(server.BaseUri, "staff-w5");
        using var w6 = await StaffSessions.SignInAsync(server.BaseUri, "staff-w6");
        var staff = new Dictionary<string, HttpClient> { ["w5"] = w5, ["w6"] = w6 };
        using var integrator = StaffSessions.Integrator(server.BaseUri);
        var issued = new ConcurrentDictionary<string, string>(); // number → service, acknowledged
        var called = new ConcurrentBag<string>();
        var random = new Random(20261127);

        for (var cycle = 0; cycle < 3; cycle++)
        {
            foreach (var counter in new[] { "w5", "w6" })
            {
                var login = await staff[counter].PostAsJsonAsync($"/api/halls/{Hall}/counters/{counter}/login", new { staffId = "staff-" + counter });
                Assert.True(login.IsSuccessStatusCode, await login.Content.ReadAsStringAsync());
            }

            var load = new List<Task>();
            for (var k = 0; k < 4; k++)
            {
                var service = k % 2 == 0 ? "consultation" : "farm-subsidy";
                load.Add(Task.Run(async () =>
                {
                    while (true)
                    {
                        JsonElement reply;
                        try
                        {
                            var response = await integrator.PostAsJsonAsync($"/api/halls/{Hall}/tickets", new { serviceId = service, channel = "mobile" });
                            reply = await response.Content.ReadFromJsonAsync<JsonElement>();
                        }
                        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
                        {
                            return; // the server died under us: this request was never acknowledged
                        }

                        var number = reply.GetProperty("ticket").GetProperty("number").GetString()!;
                        Assert.True(issued.TryAdd(number, service), $"number {number} acknowledged twice");
                    }
                }));
            }

            foreach (var counter in new[] { "w5", "w6" })
            {
                load.Add(Task.Run(async () =>
                {
                    while (true)
                    {
                        try
                        {
                            var response = await staff[counter].PostAsync(new Uri($"/api/halls/{Hall}/counters/{counter}/call-next", UriKind.Relative), null);
                            var reply = await response.Content.ReadFromJsonAsync<JsonElement>();
                            if (reply.GetProperty("ticket") is { ValueKind: JsonValueKind.Object } t)
                            {
                                called.Add(t.GetProperty("number").GetString()!);
                            }
                        }
                        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
                        {
                            return;
                        }
                    }
                }));
            }

            await Task.Delay(random.Next(700, 2000));
            server.KillHard();
            await Task.WhenAll(load);
            await server.StartAgainAsync();

            // Every acknowledged ticket survived, with the service it was issued for.
            foreach (var (number, service) in issued)
            {
                var reply = await http.GetFromJsonAsync<JsonElement>($"/api/halls/{Hall}/tickets/{number}");
                Assert.Equal(service, reply.GetProperty("ticket").GetProperty("serviceId").GetString());
            }

            // Every acknowledged call survived: the ticket is no longer waiting.
            foreach (var number in called)
            {
                var reply = await http.GetFromJsonAsync<JsonElement>($"/api/halls/{Hall}/tickets/{number}");
                Assert.NotEqual("waiting", reply.GetProperty("ticket").GetProperty("status").GetString());
            }
        }

        Assert.True(issued.Count > 100, $"only {issued.Count} tickets were issued; the load did not run");
        var events = await AllEvents(http);
        var issuedEvents = events.Where(e => e.GetProperty("type").GetString() == "ticket-issued").Select(e => e.GetProperty("number").GetString()!).ToList();
        var calledEvents = events.Where(e => e.GetProperty("type").GetString() == "ticket-called").Select(e => e.GetProperty("ticketId").GetString()!).ToList();
        Assert.Equal(issuedEvents.Count, issuedEvents.Distinct().Count());
        Assert.Equal(calledEvents.Count, calledEvents.Distinct().Count());
        Assert.Subset(issuedEvents.ToHashSet(), issued.Keys.ToHashSet());
        var sequences = events.Select(e => e.GetProperty("sequence").GetInt64()).ToList();
        Assert.Equal(Enumerable.Range(1, sequences.Count).Select(i => (long)i), sequences);

        // New numbers after the last restart continue the series.
        var after = await integrator.PostAsJsonAsync($"/api/halls/{Hall}/tickets", new { serviceId = "consultation" });
        var fresh = (await after.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ticket").GetProperty("number").GetString()!;
        Assert.DoesNotContain(fresh, issuedEvents);
    }

    private static async Task<List<JsonElement>> AllEvents(HttpClient http)
    {
        var all = new List<JsonElement>();
        while (true)
        {
            var page = await http.GetFromJsonAsync<List<JsonElement>>($"/api/halls/{Hall}/events?after={all.Count}&limit=5000");
            if (page is null || page.Count == 0)
            {
                return all;
            }

            all.AddRange(page);
        }
    }
}
