using System.Diagnostics;
using System.Text.Json;
using HallDevices.Display.CounterDevices;
using HallDevices.Testing;
using SkiaSharp;

namespace HallDevices.Display.Tests.CounterDevices;

/// <summary>
/// Keypad → server → LED strip → board over the Modbus emulators of device-sim: a real queue-server,
/// <c>device-sim bus</c> on one end of a pty pair and the display app as bus master on the other.
/// Window w5 serves the rural queue, whose consultation tickets need no ID card (D001, D002, ...).
/// </summary>
public sealed class BusEndToEndTests : IAsyncLifetime
{
    private static readonly string SampleMap = Path.Combine(Repo.Root, "device-sim", "HallDevices.DeviceSim", "bus-sample.json");
    private readonly string _pictures = TempDir.Create("bus-led");
    private ServerProcess _server = null!;
    private HallDevices.Devices.Serial.VirtualSerialPair _pty = null!;
    private SimProcess _sim = null!;
    private AppProcess _display = null!;
    private readonly string _snapshots = TempDir.Create("bus-display");
    private Inbox _watch = null!;
    private Messaging.HallMqttClient _observer = null!;

    private static readonly Dictionary<string, string?> Signs = new()
    {
        ["Display:Signs:Mode"] = "simulated",
        ["Display:Signs:Devices:0:Counter"] = "w5",
        ["Display:Signs:Devices:0:Kind"] = "max7219",
        ["Display:Signs:Devices:0:Modules"] = "4",
        ["Display:Signs:Devices:1:Counter"] = "w5",
        ["Display:Signs:Devices:1:Kind"] = "tm1637",
        ["Display:Signs:Devices:1:ClkPin"] = "5",
        ["Display:Signs:Devices:1:DioPin"] = "6",
    };

    public async Task InitializeAsync()
    {
        _server = await ServerProcess.StartAsync();
        _pty = HallDevices.Devices.Serial.VirtualSerialPair.Create("bus-test");
        _sim = await StartSimAsync();
        // The display runs as its own process, as in a hall: its bus polling must not share the
        // test host's threads (in-process it saw spurious Modbus timeouts on this 2-core machine).
        _display = await AppProcess.StartAsync("display/HallDevices.Display", new Dictionary<string, string?>
        {
            ["Mqtt:Port"] = _server.MqttPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mqtt:ClientId"] = "display-bus-test",
            ["Display:Board:SnapshotDir"] = _snapshots,
            ["Display:Voice:Engine"] = "none",
            ["Display:Bus:Port"] = _pty.HostPath,
            ["Display:Bus:MapFile"] = SampleMap,
            ["Display:Bus:PollIntervalMilliseconds"] = "50",
            ["Display:Bus:ResponseTimeoutMilliseconds"] = "500",
            ["Display:Bus:Retries"] = "1",
            ["Display:Bus:OfflineRetrySeconds"] = "1",
            ["Display:Bus:EvaluationTimeoutSeconds"] = "60",
            ["Display:Bus:ReadBackSeconds"] = "1",
        }.Concat(Signs).ToDictionary(kv => kv.Key, kv => kv.Value!), "Display:Urls");
        _observer = await Mqtt.ConnectAsync(_server.MqttPort, Sample.Display);
        _watch = new Inbox();
        await _observer.SubscribeAsync($"hall/{Sample.Hall}/#", _watch.Handler);

        // Every device has answered the display once: a keypad's first poll only learns its event
        // sequence (a press before it is old by design), so a test pressing earlier would lose the press.
        var deadline = Stopwatch.StartNew();
        while (!BusDeviceIds.All(id => LatestStatus(id) is { Online: true }))
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(30))
            {
                // Say which devices and what the display logged: a cold first run failed here once.
                var missing = BusDeviceIds.Where(id => LatestStatus(id) is not { Online: true })
                    .Select(id => $"{id}: {(LatestStatus(id) is { } st ? st.Detail : "no status")}");
                Assert.Fail($"bus devices not online within 30 s: {string.Join("; ", missing)}\ndisplay output:\n{_display.Output}");
            }

            await Task.Delay(50);
        }
    }

    public async Task DisposeAsync()
    {
        // Everything that was started is stopped, even when start-up failed halfway or one part
        // fails to stop: a leftover display would keep polling a leftover emulator for ever.
        List<Exception> failures = [];
        async Task Stop(Func<ValueTask>? stop)
        {
            try
            {
                if (stop is not null)
                {
                    await stop();
                }
            }
            catch (Exception e)
            {
                failures.Add(e);
            }
        }

        await Stop(_observer is null ? null : _observer.DisposeAsync);
        await Stop(_display is null ? null : _display.DisposeAsync);
        await Stop(_sim is null ? null : _sim.DisposeAsync);
        await Stop(_pty is null ? null : () => { _pty.Dispose(); return ValueTask.CompletedTask; });
        await Stop(_server is null ? null : _server.DisposeAsync);
        Directory.Delete(_pictures, recursive: true);
        if (failures.Count > 0)
        {
            throw new AggregateException("stopping the bus test's processes failed", failures);
        }
    }

    [Fact]
    public async Task A_call_next_pressed_on_the_keypad_is_called_by_the_server_shown_on_the_strip_the_keypad_the_signs_and_the_board()
    {
        await LoginAsync("w5");
        var number = await IssueTicketAsync();

        await _sim.SendAsync("press 5 call-next");

        await SeeAsync($"keypad 5 (w5) shows \"{number}\"", $"led 25 (w5) shows \"5号窗口 请{number}号\" brightness 8");
        var picture = Path.Combine(_pictures, "led-w5.png");
        await Until(() => File.Exists(picture) && LitPixels(picture) > 200);

        var board = await _watch.WaitForAsync(m => m.Topic == $"hall/{Sample.Hall}/board" && Calls(m).FirstOrDefault() is { } c && c.Ticket == number && c.Counter == "w5");
        Assert.NotNull(board);
        // The display drew the call: a board snapshot and both SPI/GPIO signs of w5 after it.
        var called = DateTime.UtcNow.AddSeconds(-5);
        await Until(() => Fresh("board-latest.png", called) && Fresh("sign-w5-max7219.png", called) && Fresh("sign-w5-tm1637.png", called));
        Assert.True(LitPixels(Path.Combine(_snapshots, "sign-w5-max7219.png")) > 20);
        Assert.True(LitPixels(Path.Combine(_snapshots, "sign-w5-tm1637.png")) > 20);

        await _sim.SendAsync("show");
        var shown = await _sim.WaitForLineAsync(l => l.StartsWith("led 25 (w5) shows ", StringComparison.Ordinal));
        Assert.Equal($"led 25 (w5) shows \"5号窗口 请{number}号\" brightness 8", shown);
    }

    [Fact]
    public async Task Call_next_with_nobody_waiting_shows_无人等候_and_a_keypad_of_a_closed_counter_shows_窗口未登录()
    {
        await LoginAsync("w5");

        await _sim.SendAsync("press 5 call-next");
        await _sim.WaitForLineAsync(l => l == "keypad 5 (w5) shows \"无人等候\"");

        await _sim.SendAsync("press 4 call-next");
        await _sim.WaitForLineAsync(l => l == "keypad 4 (w4) shows \"窗口未登录\"");
    }

    [Fact]
    public async Task Pause_shows_暂停服务_on_the_strip_and_the_same_key_resumes_the_window()
    {
        await LoginAsync("w5");
        await _sim.WaitForLineAsync(l => l == "led 25 (w5) shows \"5号窗口\" brightness 8");

        await _sim.SendAsync("press 5 pause");
        await _sim.WaitForLineAsync(l => l == "led 25 (w5) shows \"5号窗口 暂停服务\" brightness 8");
        await _watch.WaitForAsync(m => m.Topic == $"hall/{Sample.Hall}/counters/w5/state" && Inbox.Json(m).GetProperty("status").GetString() == "paused");

        await _sim.SendAsync("press 5 pause");
        await SeeAsync("keypad 5 (w5) pressed pause", "led 25 (w5) shows \"5号窗口\" brightness 8");
        await _watch.WaitForAsync(m => m.Topic == $"hall/{Sample.Hall}/events/counter-changed" && Inbox.Json(m).GetProperty("action").GetString() == "resume");
    }

    [Fact]
    public async Task After_finish_the_evaluator_prompts_and_the_rating_reaches_the_server_as_an_evaluation_event()
    {
        await LoginAsync("w5");
        var number = await IssueTicketAsync();
        await _sim.SendAsync("press 5 call-next");
        await _sim.WaitForLineAsync(l => l == $"keypad 5 (w5) shows \"{number}\"");

        await _sim.SendAsync("press 5 finish");
        await _sim.WaitForLineAsync(l => l == "evaluator 15 (w5) prompt on");
        await _sim.SendAsync("rate 15 4");

        var evaluation = await _watch.WaitForAsync(m => m.Topic == $"hall/{Sample.Hall}/events/evaluation");
        var e = Inbox.Json(evaluation);
        Assert.Equal(number, e.GetProperty("number").GetString());
        Assert.Equal(4, e.GetProperty("score").GetInt32());
        await _sim.WaitForLineAsync(l => l == "evaluator 15 (w5) prompt off");
    }

    [Fact]
    public async Task A_strip_that_stops_answering_alone_is_marked_offline_polled_again_and_online_with_its_text_rewritten_when_it_answers()
    {
        await LoginAsync("w5");
        await SeeAsync("led 25 (w5) shows \"5号窗口\" brightness 8");

        // Only statuses published after the silence count: at start-up every device was offline too
        // ("port not open"). Nothing changes on the strip's text from here until it is back.
        var silenced = _watch.Seen.Count;
        await _sim.SendAsync("unplug 25");
        await SeeAsync("led 25 (w5) unplugged");

        var offline = await StatusAfterAsync(silenced, "led-w5", online: false);
        Assert.Equal("no answer at bus address 25", offline.Detail);

        // The rest of the bus keeps working while 25 is silent: w5's keypad still calls.
        var number = await IssueTicketAsync();
        await _sim.SendAsync("press 5 call-next");
        await SeeAsync($"keypad 5 (w5) shows \"{number}\"");

        // Plugged back in, it restarts blank; the display's next probe finds it, marks it online and
        // writes what the counter shows now.
        await _sim.SendAsync("plug 25");
        await SeeAsync("led 25 (w5) plugged in");
        await StatusAfterAsync(offline.Index + 1, "led-w5", online: true);
        await SeeAsync($"led 25 (w5) shows \"5号窗口 请{number}号\" brightness 8");

        var others = Statuses(silenced).Where(s => s.DeviceId != "led-w5" && BusDeviceIds.Contains(s.DeviceId)).ToList();
        Assert.DoesNotContain(others, s => !s.Online);
        Assert.Equal([false, true], Statuses(silenced).Where(s => s.DeviceId == "led-w5").Select(s => s.Online));

        // The retained status a late subscriber reads says online again.
        await using var late = await Mqtt.ConnectAsync(_server.MqttPort, Sample.Display);
        var inbox = new Inbox();
        await late.SubscribeAsync($"hall/{Sample.Hall}/devices/led-w5/status", inbox.Handler);
        Assert.True(Inbox.Json(await inbox.WaitForAsync(m => m.Retain)).GetProperty("online").GetBoolean());
    }

    [Fact]
    public async Task A_keypad_and_an_evaluator_that_restart_between_two_polls_get_their_number_and_prompt_back_without_going_offline()
    {
        await LoginAsync("w5");
        var first = await IssueTicketAsync();
        var second = await IssueTicketAsync();
        await _sim.SendAsync("press 5 call-next");
        await SeeAsync($"keypad 5 (w5) shows \"{first}\"");
        await _sim.SendAsync("press 5 finish");
        await SeeAsync("evaluator 15 (w5) prompt on", "keypad 5 (w5) shows \"已办结\"");

        // Serving the second: the keypad shows its number (the answer and the state say the same),
        // the prompt waits for the first one's rating. Nothing new is due for either device.
        await _sim.SendAsync("press 5 call-next");
        await SeeAsync($"keypad 5 (w5) shows \"{second}\"");

        // Power-cycled within one poll interval: both answer the next poll as before, but blank.
        var before = _watch.Seen.Count;
        await _sim.SendAsync("unplug 5\nplug 5\nunplug 15\nplug 15");

        // The display reads them back within Display:Bus:ReadBackSeconds (1 here) and writes them
        // again. One wait for all four lines: keypad 5 may be rewritten before the sim has even read
        // "plug 15". Neither "shows" line can be the old one: the sim does not repeat a line
        // unchanged since it last printed it, and a power-on starts afresh.
        await SeeAsync("keypad 5 (w5) plugged in", "evaluator 15 (w5) plugged in", $"keypad 5 (w5) shows \"{second}\"", "evaluator 15 (w5) prompt on");
        Assert.DoesNotContain(Statuses(before), s => s.DeviceId is "keypad-w5" or "evaluator-w5" && !s.Online);
    }

    private static readonly string[] BusDeviceIds = [.. Enumerable.Range(1, 6).SelectMany(w => new[] { $"keypad-w{w}", $"evaluator-w{w}", $"led-w{w}" })];

    private sealed record DeviceStatus(int Index, string DeviceId, bool Online, string? Detail);

    /// <summary>Device statuses the observer received from message <paramref name="from"/> on, in order of arrival.</summary>
    private List<DeviceStatus> Statuses(int from = 0)
    {
        var prefix = $"hall/{Sample.Hall}/devices/";
        return _watch.Seen
            .Select((m, i) => (Message: m, Index: i))
            .Skip(from)
            .Where(x => x.Message.Topic.StartsWith(prefix, StringComparison.Ordinal) && x.Message.Topic.EndsWith("/status", StringComparison.Ordinal) && x.Message.Payload.Length > 0)
            .Select(x =>
            {
                var json = Inbox.Json(x.Message);
                var detail = json.TryGetProperty("detail", out var d) ? d.GetString() : null;
                return new DeviceStatus(x.Index, x.Message.Topic[prefix.Length..^"/status".Length], json.GetProperty("online").GetBoolean(), detail);
            })
            .ToList();
    }

    private DeviceStatus? LatestStatus(string deviceId) => Statuses().LastOrDefault(s => s.DeviceId == deviceId);

    /// <summary>The first status of <paramref name="deviceId"/> saying <paramref name="online"/> received from message <paramref name="from"/> on.</summary>
    private async Task<DeviceStatus> StatusAfterAsync(int from, string deviceId, bool online)
    {
        DeviceStatus? found = null;
        await Until(() => (found = Statuses(from).FirstOrDefault(s => s.DeviceId == deviceId && s.Online == online)) is not null);
        return found!;
    }

    /// <summary>Waits until the emulator printed every one of <paramref name="lines"/>, in any order (the strip and the keypad are written by separate steps).</summary>
    private async Task SeeAsync(params string[] lines)
    {
        var missing = new HashSet<string>(lines, StringComparer.Ordinal);
        while (missing.Count > 0)
        {
            await _sim.WaitForLineAsync(missing.Remove);
        }
    }

    private bool Fresh(string file, DateTime since)
    {
        var path = Path.Combine(_snapshots, file);
        return File.Exists(path) && File.GetLastWriteTimeUtc(path) >= since;
    }

    private Task<SimProcess> StartSimAsync() => SimProcess.StartAsync("bus", "--port", _pty.DevicePath, "--config", SampleMap, "--out", _pictures);

    private async Task LoginAsync(string counter)
    {
        var login = await _observer.RequestAsync("counter", new { requestId = Guid.NewGuid().ToString(), counterId = counter, action = "login", staffId = "li" });
        Assert.Equal("ok", login.Code());
    }

    private async Task<string> IssueTicketAsync()
    {
        await using var kiosk = await Mqtt.ConnectAsync(_server.MqttPort, Sample.Kiosk);
        var ticket = await kiosk.RequestAsync("ticket", new { requestId = Guid.NewGuid().ToString(), serviceId = "consultation", channel = "kiosk", deviceId = "kiosk-01" });
        Assert.Equal("ok", ticket.Code());
        return ticket.Number();
    }

    private static IEnumerable<(string Ticket, string Counter)> Calls(Messaging.MqttIncomingMessage m) =>
        Inbox.Json(m).GetProperty("calls").EnumerateArray().Select(c => (c.GetProperty("ticket").GetString()!, c.GetProperty("counterId").GetString()!));

    private static int LitPixels(string png)
    {
        using var bitmap = SKBitmap.Decode(png);
        var lit = 0;
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                lit += bitmap.GetPixel(x, y).Red > 200 ? 1 : 0;
            }
        }

        return lit;
    }

    private static async Task Until(Func<bool> condition)
    {
        // Waiting for background workers to get there, not measuring them: the deadline is generous.
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), "condition not reached within 30 s");
            await Task.Delay(50);
        }
    }
}
