using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HallDevices.Messaging;

namespace HallDevices.DeviceSim.Demo;

/// <summary>
/// The scripted morning: citizens arrive at the kiosks (ID card, appointment code, pass code),
/// staff at the N+1 windows call, recall, skip no-shows, finish and collect ratings; a printer
/// runs out of paper and is refilled; a window pauses. Everything goes through the emulated
/// devices, the kiosks' touch UI and the MQTT contract — nothing reaches into the server.
/// </summary>
public sealed class DemoScript(DemoHall hall, HallMonitor monitor, HallMqttClient staff, int citizens, int seed, TextWriter output)
{
    private static readonly string[] Counters = ["w1", "w2", "w3", "w4", "w5", "w6"];
    private static readonly string[] CardServices = ["pension-enrol", "medical-insurance", "social-card", "subsistence", "elderly-allowance", "residence-permit", "id-card", "homestead"];
    private static readonly string[] AppointmentServices = ["pension-enrol", "household-move", "disability-card", "retirement"];
    private static readonly string[] OpenServices = ["consultation", "farm-subsidy"];
    private readonly Random _random = new(seed);
    private readonly Lock _dice = new();
    private readonly Dictionary<string, (string Number, DateTime CalledAt)> _serving = new(StringComparer.Ordinal);
    private readonly HashSet<string> _paused = new(StringComparer.Ordinal);
    private int _requests;

    private int _tickets;
    private int _refusals;

    /// <summary>Citizens who left with a ticket.</summary>
    public int Tickets => Volatile.Read(ref _tickets);

    /// <summary>Citizens turned away with a reason (shown on the kiosk).</summary>
    public int Refusals => Volatile.Read(ref _refusals);

    /// <summary>Runs the morning to the end: every ticket issued is served, skipped or voided.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        foreach (var c in Counters)
        {
            await CounterAsync(c, "login", cancellationToken, ("staffId", "staff-" + c));
        }

        using var arrivalsDone = new CancellationTokenSource();
        var windows = Task.Run(() => StaffAsync(arrivalsDone.Token, cancellationToken), cancellationToken);
        using var table = new Timer(_ => monitor.PrintTable(), null, TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(8));

        // Each kiosk has its own queue of citizens at the door; the kiosks work side by side.
        var doors = hall.Kiosks.Select((kiosk, k) => Task.Run(async () =>
        {
            for (var i = k + 1; i <= citizens; i += hall.Kiosks.Count)
            {
                hall.EnsureAlive();
                await PaperEventsAsync(i, kiosk);
                await CitizenAsync(i, kiosk, cancellationToken);
            }
        }, cancellationToken)).ToList();
        await Task.WhenAll(doors);
        await arrivalsDone.CancelAsync();
        await windows;
    }

    /// <summary>One third into the morning the first kiosk's printer runs dry; a few citizens later it is refilled.</summary>
    private Task PaperEventsAsync(int i, DemoKiosk kiosk)
    {
        if (kiosk != hall.Kiosks[0])
        {
            return Task.CompletedTask;
        }

        var outAt = Math.Max(1, citizens / 3);
        if (i >= outAt && i < outAt + hall.Kiosks.Count)
        {
            kiosk.Printer.Command("paper out");
            output.WriteLine($"        -- {kiosk.Id}: the printer ran out of paper");
        }
        else if (i >= outAt + (3 * hall.Kiosks.Count) && i < outAt + (4 * hall.Kiosks.Count))
        {
            kiosk.Printer.Command("paper ok");
            output.WriteLine($"        -- {kiosk.Id}: the paper roll was refilled");
        }

        return Task.CompletedTask;
    }

    private async Task CitizenAsync(int i, DemoKiosk kiosk, CancellationToken ct)
    {
        using var ui = new HttpClient { BaseAddress = kiosk.Ui, Timeout = TimeSpan.FromSeconds(10) };
        await ui.PostAsync(new Uri("/api/cancel", UriKind.Relative), null, ct);
        var roll = Roll();
        JsonElement outcome;
        if (roll < 0.6)
        {
            kiosk.Reader.Place(i);
            await WaitScreenAsync(ui, s => s == "services", ct);
            var service = CardServices[Pick(CardServices.Length)];
            outcome = await ChooseAsync(ui, service, ct);
            kiosk.Reader.Remove();
        }
        else if (roll < 0.8)
        {
            using var server = new HttpClient { BaseAddress = hall.Server };
            var service = AppointmentServices[Pick(AppointmentServices.Length)];
            var booked = await server.PostAsJsonAsync("/api/halls/xinqiao/appointments", new { serviceId = service }, ct);
            var code = (await booked.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("appointmentCode").GetString()!;
            kiosk.Reader.Place(i);
            await WaitScreenAsync(ui, s => s == "services", ct);
            await kiosk.Scanner.ScanAsync(code, ct);
            outcome = await WaitScreenAsync(ui, s => s is "ticket" or "message", ct);
            kiosk.Reader.Remove();
        }
        else
        {
            var green = Roll() < 0.85;
            await kiosk.Scanner.ScanAsync($"HC1:{(green ? "green" : "yellow")}:{Pick(int.MaxValue):x8}", ct);
            var seen = await WaitScreenAsync(ui, s => s is "services" or "message", ct);
            outcome = Screen(seen) == "services" ? await ChooseAsync(ui, OpenServices[Pick(OpenServices.Length)], ct) : seen;
        }

        var view = outcome.GetProperty("view");
        if (Screen(outcome) == "ticket")
        {
            Interlocked.Increment(ref _tickets);
            output.WriteLine($"        {kiosk.Id}: citizen {i} took {view.GetProperty("ticket").GetProperty("number").GetString()}");
        }
        else
        {
            Interlocked.Increment(ref _refusals);
            output.WriteLine($"        {kiosk.Id}: citizen {i} was told '{view.GetProperty("messageCode").GetString()}'");
        }

        await ui.PostAsync(new Uri("/api/cancel", UriKind.Relative), null, ct);
        await Task.Delay(Pick(300, 900), ct);
    }

    /// <summary>The windows: call when idle, serve a while, then finish (and ask for a rating), recall or skip.</summary>
    private async Task StaffAsync(CancellationToken arrivalsDone, CancellationToken ct)
    {
        var paused = false;
        while (true)
        {
            hall.EnsureAlive();
            var anyBusy = false;
            foreach (var c in Counters)
            {
                if (_paused.Contains(c))
                {
                    continue;
                }

                if (_serving.TryGetValue(c, out var current))
                {
                    anyBusy = true;
                    if (DateTime.UtcNow - current.CalledAt < TimeSpan.FromMilliseconds(Pick(3000, 9000)))
                    {
                        continue;
                    }

                    var roll = Roll();
                    if (roll < 0.08)
                    {
                        await CounterAsync(c, "skip", ct);
                    }
                    else
                    {
                        if (roll < 0.18)
                        {
                            await CounterAsync(c, "recall", ct);
                        }

                        await CounterAsync(c, "finish", ct);
                        if (Roll() < 0.75)
                        {
                            await EvaluateAsync(current.Number, c, Pick(100) < 85 ? 5 : Pick(1, 5), ct);
                        }
                    }

                    _serving.Remove(c);
                }
                else
                {
                    var reply = await CounterAsync(c, "call-next", ct);
                    if (reply.TryGetProperty("ticket", out var t) && t.ValueKind == JsonValueKind.Object)
                    {
                        _serving[c] = (t.GetProperty("number").GetString()!, DateTime.UtcNow);
                        anyBusy = true;
                    }
                }
            }

            // A window takes a break mid-morning and comes back.
            if (!paused && Tickets >= citizens / 2 && !_serving.ContainsKey("w2"))
            {
                await CounterAsync("w2", "pause", ct);
                _paused.Add("w2");
                paused = true;
            }
            else if (paused && _paused.Contains("w2") && (Tickets >= (citizens * 3) / 4 || arrivalsDone.IsCancellationRequested))
            {
                await CounterAsync("w2", "resume", ct);
                _paused.Remove("w2");
            }

            if (arrivalsDone.IsCancellationRequested && !anyBusy && _paused.Count == 0 && await WaitingAsync(ct) == 0)
            {
                return;
            }

            if (monitor.Quiet > TimeSpan.FromSeconds(45))
            {
                throw new DemoException("script", $"stalled: no event for {monitor.Quiet.TotalSeconds:0} s (last sequence {monitor.LastSequence})");
            }

            await Task.Delay(250, ct);
        }
    }

    private double Roll()
    {
        lock (_dice)
        {
            return _random.NextDouble();
        }
    }

    private int Pick(int min, int max)
    {
        lock (_dice)
        {
            return _random.Next(min, max);
        }
    }

    private int Pick(int max) => Pick(0, max);

    private async Task<int> WaitingAsync(CancellationToken ct)
    {
        using var server = new HttpClient { BaseAddress = hall.Server };
        var queues = await server.GetFromJsonAsync<JsonElement>("/api/halls/xinqiao/queues", ct);
        return queues.EnumerateArray().Sum(q => q.GetProperty("waiting").GetInt32());
    }

    private async Task<JsonElement> CounterAsync(string counter, string action, CancellationToken ct, params (string Key, string Value)[] extra)
    {
        var body = new Dictionary<string, string> { ["requestId"] = $"demo-{Interlocked.Increment(ref _requests)}", ["counterId"] = counter, ["action"] = action };
        foreach (var (k, v) in extra)
        {
            body[k] = v;
        }

        var reply = await staff.RequestAsync("hall/xinqiao/req/counter", JsonSerializer.SerializeToUtf8Bytes(body), cancellationToken: ct);
        var json = JsonDocument.Parse(reply.Payload).RootElement.Clone();
        if (!json.GetProperty("ok").GetBoolean())
        {
            output.WriteLine($"        {counter} {action}: {json.GetProperty("error").GetProperty("code").GetString()}");
        }

        return json;
    }

    private async Task EvaluateAsync(string number, string counter, int score, CancellationToken ct)
    {
        var body = new { requestId = $"demo-{Interlocked.Increment(ref _requests)}", ticketNumber = number, counterId = counter, score };
        await staff.RequestAsync("hall/xinqiao/req/evaluate", JsonSerializer.SerializeToUtf8Bytes(body), cancellationToken: ct);
    }

    private static async Task<JsonElement> ChooseAsync(HttpClient ui, string service, CancellationToken ct)
    {
        var before = (await ui.GetFromJsonAsync<JsonElement>("/api/state", ct)).GetProperty("view").GetProperty("version").GetInt64();
        (await ui.PostAsync(new Uri("/api/choose", UriKind.Relative), new StringContent($"{{\"serviceId\":\"{service}\"}}", Encoding.UTF8, "application/json"), ct)).EnsureSuccessStatusCode();
        return await WaitScreenAsync(ui, s => s is "ticket" or "message", ct, before);
    }

    private static async Task<JsonElement> WaitScreenAsync(HttpClient ui, Func<string, bool> screen, CancellationToken ct, long afterVersion = 0)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var state = await ui.GetFromJsonAsync<JsonElement>("/api/state", ct);
            if (state.GetProperty("view").GetProperty("version").GetInt64() > afterVersion && screen(Screen(state)))
            {
                return state;
            }

            await Task.Delay(60, ct);
        }

        throw new DemoException("script", $"kiosk {ui.BaseAddress} did not reach the expected screen within 30 s");
    }

    private static string Screen(JsonElement state) => state.GetProperty("view").GetProperty("screen").GetString()!;
}
