using System.Text;
using System.Text.Json;
using HallDevices.Testing;

namespace HallDevices.QueueServer.Tests.Dashboard;

/// <summary>
/// The queue and counter alerts of <c>GET /api/halls/{hallId}/alerts</c> from a real server's engine,
/// on a hall clock running 600 times real time (a 40-minute service level passes in 4 s), and the
/// <c>Dashboard</c> options' start-up check.
/// </summary>
public sealed class DashboardAlertsOnHallClockTests
{
    [Fact]
    public async Task A_long_pause_and_a_queue_past_its_service_level_become_alerts_on_the_hall_clock()
    {
        await using var server = await ServerProcess.StartAsync(settings: new Dictionary<string, string>
        {
            ["Clock:Speed"] = "600",
            ["Clock:Start"] = "2026-11-27T09:00:00+08:00", // a morning, so no midnight resets the day under the test
        });
        using var http = await StaffSessions.SignInAsync(server.BaseUri, StaffSessions.Manager);
        await PostAsync(http, "counters/w5/login", "");
        await PostAsync(http, "counters/w5/pause", "");
        await PostAsync(http, "tickets", """{"serviceId":"consultation","channel":"console"}"""); // queue rural (D), nobody calls it

        var alerts = await PollAsync(http, list =>
            list.Any(a => a.GetProperty("kind").GetString() == "counter-paused-too-long" && a.GetProperty("subjectId").GetString() == "w5")
            && list.Any(a => a.GetProperty("kind").GetString() == "queue-over-service-level" && a.GetProperty("subjectId").GetString() == "rural"));

        var paused = alerts.Single(a => a.GetProperty("subjectId").GetString() == "w5");
        Assert.Equal(("warning", "counter"), (paused.GetProperty("severity").GetString(), paused.GetProperty("subject").GetString()));
        Assert.StartsWith("5号窗口 已暂停 ", paused.GetProperty("textZh").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("Counter 5号窗口 (w5) has been paused for ", paused.GetProperty("textEn").GetString(), StringComparison.Ordinal);
        var queue = alerts.Single(a => a.GetProperty("subjectId").GetString() == "rural");
        Assert.Equal(("warning", "queue"), (queue.GetProperty("severity").GetString(), queue.GetProperty("subject").GetString()));
        Assert.StartsWith("农业农村与综合（D） 最长等候 ", queue.GetProperty("textZh").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("超过服务标准 40 分钟（1 人等候）", queue.GetProperty("textZh").GetString(), StringComparison.Ordinal);

        // In the hall's time zone; the queue passed its level 40 hall minutes after the ticket, issued just after the pause.
        Assert.All([paused, queue], a => Assert.Equal(TimeSpan.FromHours(8), a.GetProperty("since").GetDateTimeOffset().Offset));
        Assert.True(queue.GetProperty("since").GetDateTimeOffset() > paused.GetProperty("since").GetDateTimeOffset().AddMinutes(39));
    }

    [Fact]
    public async Task A_pause_limit_out_of_range_stops_start_up_naming_the_key()
    {
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            ServerProcess.StartAsync(settings: new Dictionary<string, string> { ["Dashboard:PausedAlertMinutes"] = "0" }));

        Assert.Contains("exited with 2", e.Message, StringComparison.Ordinal);
        Assert.Contains("PausedAlertMinutes", e.Message, StringComparison.Ordinal);
    }

    private static async Task PostAsync(HttpClient http, string path, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        var response = await http.PostAsync(new Uri($"/api/halls/{Sample.Hall}/{path}", UriKind.Relative), content);
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task<List<JsonElement>> PollAsync(HttpClient http, Func<List<JsonElement>, bool> match)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var text = await http.GetStringAsync(new Uri($"/api/halls/{Sample.Hall}/alerts", UriKind.Relative));
            var list = JsonDocument.Parse(text).RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
            if (match(list))
            {
                return list;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the alerts never showed the pause and the queue: {text}");
            await Task.Delay(100);
        }
    }
}
