using System.Text;
using System.Text.Json;
using HallDevices.Testing;

namespace HallDevices.QueueServer.Tests.Mqtt;

public class ServerLifecycleTests
{
    private static string Id() => Guid.NewGuid().ToString("N");

    [Fact]
    public async Task A_restarted_server_republishes_the_board_with_its_latest_calls_and_every_counter_state()
    {
        await using var server = await ServerProcess.StartAsync();
        string number;
        await using (var kiosk = await HallDevices.Testing.Mqtt.ConnectAsync(server.MqttPort, Sample.Kiosk))
        await using (var display = await HallDevices.Testing.Mqtt.ConnectAsync(server.MqttPort, Sample.Display))
        {
            number = (await kiosk.RequestAsync("ticket", new { requestId = Id(), serviceId = "consultation" })).Number();
            await kiosk.RequestAsync("ticket", new { requestId = Id(), serviceId = "consultation" });
            await display.RequestAsync("counter", new { requestId = Id(), counterId = "w5", action = "login", staffId = "zhou" });
            await display.RequestAsync("counter", new { requestId = Id(), counterId = "w5", action = "call-next" });
        }

        Assert.Equal(0, await server.StopGracefullyAsync());
        await server.StartAgainAsync();

        // The embedded broker's retained messages died with the process: what a display sees now
        // was republished from storage by the restarted server.
        await using var late = await HallDevices.Testing.Mqtt.ConnectAsync(server.MqttPort, Sample.Display);
        var inbox = new Inbox();
        await late.SubscribeAsync($"hall/{Sample.Hall}/#", inbox.Handler);
        var board = Inbox.Json(await inbox.WaitForAsync(m => m.Topic == $"hall/{Sample.Hall}/board"));
        Assert.Equal(number, board.GetProperty("calls")[0].GetProperty("ticket").GetString());
        Assert.Equal("w5", board.GetProperty("calls")[0].GetProperty("counterId").GetString());
        Assert.Equal(1, board.GetProperty("waiting").EnumerateArray().Single(q => q.GetProperty("queueId").GetString() == "rural").GetProperty("waiting").GetInt32());
        var w5 = Inbox.Json(await inbox.WaitForAsync(m => m.Topic == $"hall/{Sample.Hall}/counters/w5/state"));
        Assert.Equal("serving", w5.GetProperty("status").GetString());
        Assert.Equal(number, w5.GetProperty("ticket").GetString());
    }

    [Fact]
    public async Task A_repeated_request_after_a_restart_gets_the_first_answer()
    {
        await using var server = await ServerProcess.StartAsync();
        var id = Id();
        string first;
        await using (var kiosk = await HallDevices.Testing.Mqtt.ConnectAsync(server.MqttPort, Sample.Kiosk))
        {
            first = (await kiosk.RequestAsync("ticket", new { requestId = id, serviceId = "consultation" })).Number();
        }

        server.KillHard();
        await server.StartAgainAsync();

        await using var again = await HallDevices.Testing.Mqtt.ConnectAsync(server.MqttPort, Sample.Kiosk);
        Assert.Equal(first, (await again.RequestAsync("ticket", new { requestId = id, serviceId = "consultation" })).Number());
        Assert.NotEqual(first, (await again.RequestAsync("ticket", new { requestId = Id(), serviceId = "consultation" })).Number());
    }

    [Fact]
    public async Task Graceful_shutdown_answers_in_flight_requests_and_loses_no_acknowledged_ticket()
    {
        await using var server = await ServerProcess.StartAsync();
        var acknowledged = new List<string>();
        int Count()
        {
            lock (acknowledged)
            {
                return acknowledged.Count;
            }
        }

        await using var kiosk = await HallDevices.Testing.Mqtt.ConnectAsync(server.MqttPort, Sample.Kiosk);
        using var stop = new CancellationTokenSource();
        var load = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var reply = await kiosk.RequestAsync("ticket", new { requestId = Id(), serviceId = "farm-subsidy" });
                    lock (acknowledged)
                    {
                        acknowledged.Add(reply.Number());
                    }
                }
                catch (TimeoutException)
                {
                    return; // the server is gone: this one was never acknowledged
                }
            }
        });
        // Stop once the load is well under way (counted, not timed: a busy test machine is slow).
        var started = Environment.TickCount64;
        while (Count() < 20 && Environment.TickCount64 - started < 15_000 && !load.IsCompleted)
        {
            await Task.Delay(20);
        }

        var exit = await server.StopGracefullyAsync();
        stop.Cancel();
        await load;

        Assert.Equal(0, exit);
        Assert.True(acknowledged.Count >= 20, $"{acknowledged.Count} tickets acknowledged before the stop");
        await server.StartAgainAsync();
        using var http = new HttpClient { BaseAddress = server.BaseUri };
        foreach (var number in acknowledged)
        {
            var ticket = JsonDocument.Parse(await http.GetStringAsync($"/api/halls/{Sample.Hall}/tickets/{number}")).RootElement;
            Assert.Equal("farm-subsidy", ticket.GetProperty("ticket").GetProperty("serviceId").GetString());
        }
    }

    [Fact]
    public async Task The_raw_id_number_appears_in_no_storage_log_event_or_retained_message()
    {
        const string raw = "11010519491231002X";
        await using var server = await ServerProcess.StartAsync(logLevel: "Debug");
        var inbox = new Inbox();
        await using (var display = await HallDevices.Testing.Mqtt.ConnectAsync(server.MqttPort, Sample.Display))
        await using (var kiosk = await HallDevices.Testing.Mqtt.ConnectAsync(server.MqttPort, Sample.Kiosk))
        {
            await display.SubscribeAsync($"hall/{Sample.Hall}/#", inbox.Handler);
            var reply = await kiosk.RequestAsync("ticket", new { requestId = Id(), serviceId = "pension-enrol", idNumber = raw });
            Assert.Equal("1101**********002X", reply.GetProperty("ticket").GetProperty("maskedId").GetString());
            await kiosk.RequestAsync("ticket", new { requestId = Id(), serviceId = "pension-enrol", idNumber = raw });
            await kiosk.RequestAsync("ticket", new { requestId = Id(), serviceId = "pension-enrol", idNumber = raw }); // daily-limit: a refusal is logged too
            await display.RequestAsync("counter", new { requestId = Id(), counterId = "w2", action = "login", staffId = "wu" });
            await display.RequestAsync("counter", new { requestId = Id(), counterId = "w2", action = "call-next" });
            await inbox.WaitForAsync(m => m.Topic.EndsWith("/events/ticket-called", StringComparison.Ordinal));
        }

        Assert.Equal(0, await server.StopGracefullyAsync());

        Assert.Contains(inbox.Seen, m => m.Topic.EndsWith("/events/ticket-issued", StringComparison.Ordinal));
        Assert.DoesNotContain(inbox.Seen, m => Encoding.UTF8.GetString(m.Payload.Span).Contains(raw, StringComparison.OrdinalIgnoreCase));
        Assert.Contains("ticket", server.Output, StringComparison.OrdinalIgnoreCase); // the log was captured at Debug
        Assert.DoesNotContain(raw, server.Output, StringComparison.OrdinalIgnoreCase);
        foreach (var file in Directory.GetFiles(server.DataDir, "*", SearchOption.AllDirectories))
        {
            var bytes = await File.ReadAllBytesAsync(file);
            Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(raw)));
            Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(raw)));
        }
    }

    [Fact]
    public async Task One_server_runs_every_hall_of_a_folder_each_on_its_own_topics()
    {
        var halls = TempDir.Create("halls");
        var sample = await File.ReadAllTextAsync(Repo.SampleHallFile);
        await File.WriteAllTextAsync(Path.Combine(halls, "a.json"), sample);
        await File.WriteAllTextAsync(Path.Combine(halls, "b.json"), sample.Replace("\"id\": \"xinqiao\"", "\"id\": \"dongcun\"", StringComparison.Ordinal).Replace("新桥镇", "东村", StringComparison.Ordinal));
        await using var server = await ServerProcess.StartAsync(settings: new Dictionary<string, string>
        {
            ["Hall:ConfigFile"] = halls,
            ["Mqtt:Accounts:5:Username"] = "kiosk-dongcun",
            ["Mqtt:Accounts:5:Password"] = "sample-kiosk-dongcun",
            ["Mqtt:Accounts:5:Role"] = "Kiosk",
            ["Mqtt:Accounts:5:HallId"] = "dongcun",
        });

        await using var a = await HallDevices.Testing.Mqtt.ConnectAsync(server.MqttPort, Sample.Kiosk);
        await using var b = await HallDevices.Testing.Mqtt.ConnectAsync(server.MqttPort, ("kiosk-dongcun", "sample-kiosk-dongcun"));
        var inA = await a.RequestAsync("ticket", new { requestId = Id(), serviceId = "consultation" });
        var replyB = await b.RequestAsync("dongcun", "ticket", new { requestId = Id(), serviceId = "consultation" });

        Assert.Equal("D001", inA.Number());
        Assert.Equal("D001", replyB.Number());
        using var http = new HttpClient { BaseAddress = server.BaseUri };
        var health = JsonDocument.Parse(await http.GetStringAsync("/health")).RootElement;
        Assert.Equal(["dongcun", "xinqiao"], health.GetProperty("halls").EnumerateArray().Select(h => h.GetString()).Order());
    }

    [Fact]
    public async Task Production_refuses_to_start_with_the_sample_secrets_and_says_which()
    {
        var server = ServerProcess.StartAsync(settings: new Dictionary<string, string> { ["DOTNET_ENVIRONMENT"] = "Production" });

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => server);

        Assert.Contains("sample", e.Message, StringComparison.Ordinal);
        Assert.Contains("exited with 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_hall_file_stops_start_up_naming_the_field()
    {
        var dir = TempDir.Create("badhall");
        var file = Path.Combine(dir, "hall.json");
        await File.WriteAllTextAsync(file, """{ "id": "x", "name": "y", "queues": [ { "id": "q", "prefix": "a1", "name": "n" } ], "services": [], "counters": [] }""");

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => ServerProcess.StartAsync(settings: new Dictionary<string, string> { ["Hall:ConfigFile"] = file }));

        Assert.Contains("queues[0].prefix", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", e.Message, StringComparison.Ordinal);
    }
}
