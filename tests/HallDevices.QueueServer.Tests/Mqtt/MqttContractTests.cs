using System.Text.Json;
using HallDevices.Testing;

namespace HallDevices.QueueServer.Tests.Mqtt;

/// <summary>The MQTT contract v1 (docs/design.md §4) against a real server and its embedded broker.</summary>
public class MqttContractTests(EmbeddedServerFixture fixture) : IClassFixture<EmbeddedServerFixture>
{
    private int Port => fixture.Server.MqttPort;

    private static string Id() => Guid.NewGuid().ToString("N");

    [Fact]
    public async Task A_kiosk_gets_a_ticket_over_mqtt5_request_response()
    {
        await using var kiosk = await HallDevices.Testing.Mqtt.ConnectAsync(Port, Sample.Kiosk);

        var reply = await kiosk.RequestAsync("ticket", new { requestId = Id(), serviceId = "consultation", channel = "kiosk", deviceId = "kiosk-01" });

        Assert.Equal("ok", reply.Code());
        var ticket = reply.GetProperty("ticket");
        Assert.StartsWith("D", ticket.GetProperty("number").GetString(), StringComparison.Ordinal);
        Assert.Equal("rural", ticket.GetProperty("queueId").GetString());
        Assert.Equal("政策咨询", ticket.GetProperty("serviceName").GetString());
        Assert.Equal(8, ticket.GetProperty("issuedAt").GetDateTimeOffset().Offset.TotalHours);
        Assert.True(ticket.GetProperty("waitingAhead").GetInt32() >= 0);
        Assert.True(ticket.TryGetProperty("estimatedWaitMinutes", out _));
        Assert.Contains($"/t/{Sample.Hall}/", ticket.GetProperty("trackUrl").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mqtt311_kiosk_is_answered_on_its_replyTo_topic()
    {
        await using var kiosk = await HallDevices.Testing.Mqtt.ConnectAsync(Port, Sample.Kiosk, protocol: "3.1.1");

        var reply = await kiosk.RequestAsync("ticket", new { requestId = Id(), serviceId = "consultation" });

        Assert.Equal("ok", reply.Code());
    }

    [Fact]
    public async Task A_repeated_request_id_returns_the_first_ticket()
    {
        await using var kiosk = await HallDevices.Testing.Mqtt.ConnectAsync(Port, Sample.Kiosk);
        var id = Id();

        var first = await kiosk.RequestAsync("ticket", new { requestId = id, serviceId = "consultation" });
        var again = await kiosk.RequestAsync("ticket", new { requestId = id, serviceId = "consultation" });

        Assert.Equal(first.Number(), again.Number());
    }

    [Theory]
    [InlineData("{\"requestId\":\"x\",\"serviceId\":", "malformed-json")]
    [InlineData("[1,2,3]", "malformed-json")]
    [InlineData("{\"serviceId\":\"consultation\"}", "invalid-request")]
    [InlineData("{\"requestId\":42,\"serviceId\":\"consultation\"}", "invalid-request")]
    [InlineData("{\"requestId\":\"R\",\"serviceId\":7}", "invalid-request")]
    [InlineData("{\"requestId\":\"R\"}", "invalid-request")]
    [InlineData("{\"requestId\":\"R\",\"serviceId\":\"no-such-service\"}", "unknown-service")]
    [InlineData("{\"requestId\":\"R\",\"serviceId\":\"pension-enrol\"}", "id-required")]
    [InlineData("{\"requestId\":\"R\",\"serviceId\":\"consultation\",\"priority\":\"vip\"}", "invalid-request")]
    public async Task A_bad_ticket_request_gets_an_error_reply_never_silence(string payload, string code)
    {
        await using var kiosk = await HallDevices.Testing.Mqtt.ConnectAsync(Port, Sample.Kiosk);

        var reply = await kiosk.RequestRawAsync("ticket", payload.Replace("\"R\"", $"\"{Id()}\"", StringComparison.Ordinal));

        Assert.Equal(code, reply.Code());
        Assert.False(string.IsNullOrWhiteSpace(reply.GetProperty("error").GetProperty("message").GetString()));
    }

    [Fact]
    public async Task An_oversized_request_is_refused_with_payload_too_large()
    {
        await using var kiosk = await HallDevices.Testing.Mqtt.ConnectAsync(Port, Sample.Kiosk);

        var reply = await kiosk.RequestAsync("ticket", new { requestId = Id(), serviceId = "consultation", deviceId = new string('x', 20_000) });

        Assert.Equal("payload-too-large", reply.Code());
    }

    [Fact]
    public async Task Counter_actions_follow_the_counter_state_and_say_why_when_refused()
    {
        await using var display = await HallDevices.Testing.Mqtt.ConnectAsync(Port, Sample.Display);

        Assert.Equal("counter-closed", (await display.RequestAsync("counter", new { requestId = Id(), counterId = "w4", action = "call-next" })).Code());
        Assert.Equal("invalid-request", (await display.RequestAsync("counter", new { requestId = Id(), counterId = "w4", action = "dance" })).Code());
        var login = await display.RequestAsync("counter", new { requestId = Id(), counterId = "w4", action = "login", staffId = "wang" });
        Assert.Equal("idle", login.GetProperty("counter").GetProperty("status").GetString());
        Assert.Equal("not-serving", (await display.RequestAsync("counter", new { requestId = Id(), counterId = "w4", action = "recall" })).Code());
    }

    [Fact]
    public async Task A_call_is_published_as_an_event_and_on_the_board_and_counter_state()
    {
        await using var kiosk = await HallDevices.Testing.Mqtt.ConnectAsync(Port, Sample.Kiosk);
        await using var display = await HallDevices.Testing.Mqtt.ConnectAsync(Port, Sample.Display);
        var inbox = new Inbox();
        await display.SubscribeAsync($"hall/{Sample.Hall}/#", inbox.Handler);
        await display.RequestAsync("counter", new { requestId = Id(), counterId = "w3", action = "login", staffId = "zhao" });
        var number = (await kiosk.RequestAsync("ticket", new { requestId = Id(), serviceId = "disability-card", idNumber = "11010519491231002X" })).Number();

        // Serve until our ticket comes up (other tests of this class may have left tickets in queue B).
        JsonElement called;
        do
        {
            called = await display.RequestAsync("counter", new { requestId = Id(), counterId = "w3", action = "call-next" });
        }
        while (called.GetProperty("ticket").ValueKind == JsonValueKind.Object && called.Number() != number);

        Assert.Equal(number, called.Number());
        var e = await inbox.WaitForAsync(m => m.Topic == $"hall/{Sample.Hall}/events/ticket-called" && Inbox.Json(m).GetProperty("number").GetString() == number);
        Assert.True(Inbox.Json(e).GetProperty("sequence").GetInt64() > 0);
        await inbox.WaitForAsync(m => m.Topic == $"hall/{Sample.Hall}/board" && Inbox.Json(m).GetProperty("calls") is { } calls && calls.GetArrayLength() > 0 && calls[0].GetProperty("ticket").GetString() == number);
        var state = await inbox.WaitForAsync(m => m.Topic == $"hall/{Sample.Hall}/counters/w3/state" && Inbox.Json(m).GetProperty("ticket").GetString() == number);
        Assert.Equal("serving", Inbox.Json(state).GetProperty("status").GetString());
        Assert.True(state.Retain || inbox.Seen.Any(m => m.Topic.EndsWith("/w3/state", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_display_that_connects_late_sees_the_whole_hall_at_once()
    {
        await using var staff = await HallDevices.Testing.Mqtt.ConnectAsync(Port, Sample.Display);
        await staff.RequestAsync("counter", new { requestId = Id(), counterId = "w2", action = "login", staffId = "qian" });

        await using var late = await HallDevices.Testing.Mqtt.ConnectAsync(Port, Sample.Display);
        var inbox = new Inbox();
        await late.SubscribeAsync($"hall/{Sample.Hall}/#", inbox.Handler);

        var catalog = Inbox.Json(await inbox.WaitForAsync(m => m.Topic == $"hall/{Sample.Hall}/catalog"));
        using var hallFile = JsonDocument.Parse(await File.ReadAllTextAsync(Repo.SampleHallFile));
        Assert.Equal(hallFile.RootElement.GetProperty("services").GetArrayLength(), catalog.GetProperty("services").GetArrayLength());
        var board = await inbox.WaitForAsync(m => m.Topic == $"hall/{Sample.Hall}/board");
        Assert.True(board.Retain);
        Assert.Equal(4, Inbox.Json(board).GetProperty("waiting").GetArrayLength());
        // The retained state is updated just after the reply; the late display sees it either way.
        await inbox.WaitForAsync(m => m.Topic == $"hall/{Sample.Hall}/counters/w2/state" && Inbox.Json(m).GetProperty("status").GetString() == "idle");
        foreach (var counter in new[] { "w1", "w3", "w4", "w5", "w6" })
        {
            await inbox.WaitForAsync(m => m.Topic == $"hall/{Sample.Hall}/counters/{counter}/state");
        }
    }

    [Fact]
    public async Task Events_carry_gapless_sequences_and_missed_ones_can_be_fetched_by_sequence()
    {
        await using var kiosk = await HallDevices.Testing.Mqtt.ConnectAsync(Port, Sample.Kiosk);
        await using var integrator = await HallDevices.Testing.Mqtt.ConnectAsync(Port, Sample.Integrator);
        var inbox = new Inbox();
        await integrator.SubscribeAsync($"hall/{Sample.Hall}/events/#", inbox.Handler);
        for (var i = 0; i < 5; i++)
        {
            await kiosk.RequestAsync("ticket", new { requestId = Id(), serviceId = "consultation" });
        }

        await inbox.WaitForAsync(_ => inbox.Seen.Count >= 5);
        var live = inbox.Seen.Select(m => Inbox.Json(m).GetProperty("sequence").GetInt64()).ToList();
        Assert.Equal(Enumerable.Range(0, live.Count).Select(i => live[0] + i), live);

        // Pretend the broker dropped everything after the first: fetch the gap.
        var fetched = await integrator.RequestAsync("events", new { requestId = Id(), after = live[0], limit = 4 });
        var sequences = fetched.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("sequence").GetInt64()).ToList();
        Assert.Equal(live.Skip(1).Take(4), sequences);
    }

    [Fact]
    public async Task A_failed_print_voids_the_ticket_so_it_is_never_called()
    {
        await using var kiosk = await HallDevices.Testing.Mqtt.ConnectAsync(Port, Sample.Kiosk);
        var number = (await kiosk.RequestAsync("ticket", new { requestId = Id(), serviceId = "residence-permit", idNumber = "110105194912310021" })).Number();

        var reply = await kiosk.RequestAsync("print-result", new { requestId = Id(), ticketNumber = number, ok = false, reason = "paper-out" });

        Assert.Equal("ok", reply.Code());
        Assert.Equal("voided", reply.GetProperty("ticket").GetProperty("status").GetString());
        using var http = new HttpClient { BaseAddress = fixture.Server.BaseUri };
        var track = JsonDocument.Parse(await http.GetStringAsync($"/api/halls/{Sample.Hall}/tickets/{number}")).RootElement;
        Assert.Equal("voided", track.GetProperty("ticket").GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_evaluation_is_accepted_once_after_finish()
    {
        await using var kiosk = await HallDevices.Testing.Mqtt.ConnectAsync(Port, Sample.Kiosk);
        await using var display = await HallDevices.Testing.Mqtt.ConnectAsync(Port, Sample.Display);
        await display.RequestAsync("counter", new { requestId = Id(), counterId = "w6", action = "login", staffId = "sun" });
        string number;
        do
        {
            await kiosk.RequestAsync("ticket", new { requestId = Id(), serviceId = "consultation" });
            var called = await display.RequestAsync("counter", new { requestId = Id(), counterId = "w6", action = "call-next" });
            number = called.Number();
        }
        while (number is null);

        Assert.Equal("invalid-ticket-state", (await display.RequestAsync("evaluate", new { requestId = Id(), ticketNumber = number, counterId = "w6", score = 5 })).Code());
        await display.RequestAsync("counter", new { requestId = Id(), counterId = "w6", action = "finish" });
        Assert.Equal("invalid-score", (await display.RequestAsync("evaluate", new { requestId = Id(), ticketNumber = number, counterId = "w6", score = 9 })).Code());
        Assert.Equal("ok", (await display.RequestAsync("evaluate", new { requestId = Id(), ticketNumber = number, counterId = "w6", score = 4 })).Code());
        Assert.Equal("already-evaluated", (await display.RequestAsync("evaluate", new { requestId = Id(), ticketNumber = number, counterId = "w6", score = 5 })).Code());
    }

    [Fact]
    public async Task A_bad_rating_from_the_evaluator_is_published_with_its_channel_and_its_follow_up_is_not_published_at_all()
    {
        await using var kiosk = await HallDevices.Testing.Mqtt.ConnectAsync(Port, Sample.Kiosk);
        await using var display = await HallDevices.Testing.Mqtt.ConnectAsync(Port, Sample.Display);
        await using var integrator = await HallDevices.Testing.Mqtt.ConnectAsync(Port, Sample.Integrator);
        var inbox = new Inbox();
        await integrator.SubscribeAsync($"hall/{Sample.Hall}/events/#", inbox.Handler);
        await display.RequestAsync("counter", new { requestId = Id(), counterId = "w6", action = "login", staffId = "sun" });
        string number;
        do
        {
            await kiosk.RequestAsync("ticket", new { requestId = Id(), serviceId = "consultation" });
            number = (await display.RequestAsync("counter", new { requestId = Id(), counterId = "w6", action = "call-next" })).Number()!;
        }
        while (number is null);

        await display.RequestAsync("counter", new { requestId = Id(), counterId = "w6", action = "finish" });
        Assert.Equal("unknown-reason", (await display.RequestAsync("evaluate", new { requestId = Id(), ticketNumber = number, counterId = "w6", score = 1, reasonIds = new[] { "no-such-reason" } })).Code());
        Assert.Equal("ok", (await display.RequestAsync("evaluate", new { requestId = Id(), ticketNumber = number, counterId = "w6", score = 1, reasonIds = new[] { "long-wait" }, reasonText = "等了一个小时" })).Code());
        await display.RequestAsync("counter", new { requestId = Id(), counterId = "w6", action = "logout" });

        var logout = Inbox.Json(await inbox.WaitForAsync(m => m.Topic.EndsWith("/counter-changed", StringComparison.Ordinal) && Inbox.Json(m).GetProperty("action").GetString() == "logout"));
        var rating = Inbox.Json(inbox.Seen.Single(m => m.Topic.EndsWith("/events/evaluation", StringComparison.Ordinal)));
        Assert.Equal(("evaluator", "w6", 1), (rating.GetProperty("channel").GetString(), rating.GetProperty("counterId").GetString(), rating.GetProperty("score").GetInt32()));
        Assert.False(rating.TryGetProperty("staffId", out _));
        Assert.False(rating.TryGetProperty("reasonText", out _));
        Assert.DoesNotContain(inbox.Seen, m => m.Topic.Contains("follow-up", StringComparison.Ordinal));

        // The follow-up-opened record takes the sequence between them, in the log only.
        var sequence = rating.GetProperty("sequence").GetInt64();
        Assert.Equal(sequence + 2, logout.GetProperty("sequence").GetInt64());
        var fetched = await integrator.RequestAsync("events", new { requestId = Id(), after = sequence - 1, limit = 2 });
        Assert.Equal([sequence, sequence + 2], fetched.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("sequence").GetInt64()));
    }

    [Fact]
    public async Task An_appointment_code_checks_in_once_as_a_priority_ticket_and_forgeries_are_refused()
    {
        using var booking = StaffSessions.Integrator(fixture.Server.BaseUri); // the booking platform's key
        var booked = await booking.PostAsync(new Uri($"/api/halls/{Sample.Hall}/appointments", UriKind.Relative),
            new StringContent("{\"serviceId\":\"household-move\"}", System.Text.Encoding.UTF8, "application/json"));
        var code = JsonDocument.Parse(await booked.Content.ReadAsStringAsync()).RootElement.GetProperty("appointmentCode").GetString()!;
        await using var kiosk = await HallDevices.Testing.Mqtt.ConnectAsync(Port, Sample.Kiosk);

        var checkIn = await kiosk.RequestAsync("ticket", new { requestId = Id(), appointmentCode = code, idNumber = "110105194912310021" });
        var again = await kiosk.RequestAsync("ticket", new { requestId = Id(), appointmentCode = code, idNumber = "110105194912310021" });
        var forged = await kiosk.RequestAsync("ticket", new { requestId = Id(), appointmentCode = code[..^3] + "AAA" });
        var unbooked = await kiosk.RequestAsync("ticket", new { requestId = Id(), serviceId = "household-move", priority = "appointment" });

        Assert.Equal("ok", checkIn.Code());
        Assert.Equal("appointment", checkIn.GetProperty("ticket").GetProperty("priority").GetString());
        Assert.Equal("household-move", checkIn.GetProperty("ticket").GetProperty("serviceId").GetString());
        Assert.Equal("appointment-used", again.Code());
        Assert.Equal("appointment-forged", forged.Code());
        Assert.Equal("invalid-request", unbooked.Code());
    }

    [Fact]
    public async Task Health_and_metrics_report_the_live_server()
    {
        await using var kiosk = await HallDevices.Testing.Mqtt.ConnectAsync(Port, Sample.Kiosk);
        await kiosk.RequestAsync("ticket", new { requestId = Id(), serviceId = "consultation" });
        using var http = new HttpClient { BaseAddress = fixture.Server.BaseUri };

        var health = JsonDocument.Parse(await http.GetStringAsync("/health")).RootElement;
        var metrics = await http.GetStringAsync("/metrics");

        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Matches(@"hall_tickets_issued_total [1-9]\d*", metrics);
        Assert.Matches(@"hall_mqtt_connected_clients [1-9]\d*", metrics);
        Assert.Contains("hall_request_duration_seconds_bucket{kind=\"ticket\",le=\"+Inf\"}", metrics, StringComparison.Ordinal);
        Assert.Matches("hall_store_backlog\\{hall=\"xinqiao\"\\} \\d+", metrics);
        Assert.Matches("hall_store_catch_up_writes_total\\{hall=\"xinqiao\"\\} \\d+", metrics);
        Assert.Matches(@"process_resident_memory_bytes [1-9]\d{6,}", metrics);
        Assert.Matches("dotnet_gc_collections_total\\{generation=\"0\"\\} \\d+", metrics);
        Assert.Matches(@"dotnet_gc_pause_seconds_total \d", metrics);
    }
}

public class TrackingPageTests(EmbeddedServerFixture fixture) : IClassFixture<EmbeddedServerFixture>
{
    [Fact]
    public async Task The_qr_link_on_a_ticket_opens_a_page_with_its_place_in_the_queue()
    {
        await using var kiosk = await HallDevices.Testing.Mqtt.ConnectAsync(fixture.Server.MqttPort, Sample.Kiosk);
        await kiosk.RequestAsync("ticket", new { requestId = Guid.NewGuid().ToString("N"), serviceId = "homestead", idNumber = "110105194912310021" });
        var reply = await kiosk.RequestAsync("ticket", new { requestId = Guid.NewGuid().ToString("N"), serviceId = "homestead", idNumber = "110105194912310048" });
        using var http = new HttpClient();

        var page = await http.GetStringAsync(new Uri(reply.GetProperty("ticket").GetProperty("trackUrl").GetString()!));

        Assert.Contains(reply.Number(), page, StringComparison.Ordinal);
        Assert.Contains("农村宅基地建房审批", page, StringComparison.Ordinal);
        Assert.Contains("前面还有 <b>1</b> 人", page, StringComparison.Ordinal);
        Assert.DoesNotContain("110105194912310048", page, StringComparison.Ordinal);
        var missing = await http.GetAsync(new Uri(fixture.Server.BaseUri, "/t/xinqiao/Z999"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
    }
}
