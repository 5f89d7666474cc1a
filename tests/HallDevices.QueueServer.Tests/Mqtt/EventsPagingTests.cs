using System.Text;
using System.Text.Json;
using HallDevices.Testing;

namespace HallDevices.QueueServer.Tests.Mqtt;

/// <summary>
/// <c>req/events</c> on a busy day: a reply never exceeds the broker's message limit (a refused reply
/// would be silence), so a long gap comes back over several pages, gapless and in order.
/// </summary>
public sealed class EventsPagingTests(EmbeddedServerFixture fixture) : IClassFixture<EmbeddedServerFixture>
{
    [Fact]
    public async Task A_thousand_event_fetch_comes_back_in_pages_that_fit_the_broker_and_together_miss_nothing()
    {
        await using var kiosk = await HallDevices.Testing.Mqtt.ConnectAsync(fixture.Server.MqttPort, Sample.Kiosk);
        for (var i = 0; i < 400; i++)
        {
            Assert.Equal("ok", (await kiosk.RequestAsync("ticket", new { requestId = $"paging-{i}", serviceId = "consultation" })).Code());
        }

        await using var integrator = await HallDevices.Testing.Mqtt.ConnectAsync(fixture.Server.MqttPort, Sample.Integrator);
        var sequences = new List<long>();
        var pages = 0;
        long after = 0;
        while (true)
        {
            var reply = await integrator.RequestAsync($"hall/{Sample.Hall}/req/events", Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { requestId = $"page-{pages}", after, limit = 1000 })));
            Assert.True(reply.Payload.Length <= 65_536, $"reply of {reply.Payload.Length} bytes");
            var events = JsonDocument.Parse(reply.Payload).RootElement.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("sequence").GetInt64()).ToList();
            if (events.Count == 0)
            {
                break;
            }

            pages++;
            sequences.AddRange(events);
            after = events[^1];
        }

        Assert.True(pages > 1, "400 tickets' events should not fit one message");
        Assert.Equal(Enumerable.Range(1, sequences.Count).Select(i => (long)i), sequences);
        Assert.True(sequences.Count >= 400);
    }
}
