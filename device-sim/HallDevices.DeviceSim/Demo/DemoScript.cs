using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HallDevices.DeviceSim.Emulators;

namespace HallDevices.DeviceSim.Demo;

/// <summary>
/// The scripted morning: citizens arrive at the kiosks (ID card, appointment code, pass code),
/// staff at the N+1 windows call, recall, skip no-shows and finish on their caller keypads and
/// citizens rate on the evaluators; a printer runs out of paper and is refilled; a window pauses
/// with its keypad's pause key and comes back with the same key. Everything goes through the
/// emulated devices, the kiosks' touch UI, the staff console and the MQTT contract — nothing
/// reaches into the server. Staff learn what a press did as staff do: from what the keypad then
/// shows and from the hall's events (the call on the board, the finished ticket) — never from a
/// reply to a request of their own. The one console action is signing in at the start of the day
/// (<c>POST /api/halls/{hall}/counters/{id}/login</c>): a caller keypad has no login key.
/// </summary>
public sealed class DemoScript(DemoHall hall, HallMonitor monitor, int citizens, int seed, TextWriter output)
{
    private const string PausingWindow = "w2";
    private static readonly string[] Counters = ["w1", "w2", "w3", "w4", "w5", "w6"];
    private static readonly string[] CardServices = ["pension-enrol", "medical-insurance", "social-card", "subsistence", "elderly-allowance", "residence-permit", "id-card", "homestead"];
    private static readonly string[] AppointmentServices = ["pension-enrol", "household-move", "disability-card", "retirement"];
    private static readonly string[] OpenServices = ["consultation", "farm-subsidy"];

    // What a keypad shows when call-next found nobody: the display's NONE, and 无人等候 once it
    // uses the keypad's Chinese display (the register map carries it since the bus went UTF-16).
    private static readonly HashSet<string> KeypadNobody = new(["NONE", "无人等候"], StringComparer.Ordinal);

    // What a keypad shows when the server refused a press (display WindowText.KeypadError); 暂停服务
    // is not here (also a paused window's resting text), nor 服务器无响应: an unanswered press is
    // pressed again, like a person would.
    private static readonly HashSet<string> KeypadRefusals = new(["窗口未登录", "无在办号", "请先办结", "窗口已占用", "已在别窗登录", "未知窗口", "操作失败"], StringComparer.Ordinal);

    // A press goes over the RS-485 poll (well under a second) and an MQTT request; the display
    // drops presses older than 5 s, so after this long a press either worked or is gone.
    private static readonly TimeSpan PressTimeout = TimeSpan.FromSeconds(8);
    private readonly Random _random = new(seed);
    private readonly Lock _dice = new();

    private int _tickets;
    private int _refusals;

    /// <summary>Citizens who left with a ticket.</summary>
    public int Tickets => Volatile.Read(ref _tickets);

    /// <summary>Citizens turned away with a reason (shown on the kiosk).</summary>
    public int Refusals => Volatile.Read(ref _refusals);

    /// <summary>Runs the morning to the end: every ticket issued is served, skipped or voided.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await SignInAsync(cancellationToken);

        // A press made before the display first polled that keypad is taken as an old one and
        // dropped (by design: a restarted device must not replay), so staff start once every keypad
        // and evaluator reports online — which the display publishes after that first poll.
        var devices = Counters.SelectMany(c => new[] { "keypad-" + c, "evaluator-" + c }).ToList();
        await UntilAsync(() => devices.All(monitor.Online), TimeSpan.FromSeconds(30), () => $"the window bus did not come up: offline {string.Join(", ", devices.Where(d => !monitor.Online(d)))}", cancellationToken);

        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var ct = failed.Token;
        using var arrivalsDone = new CancellationTokenSource();
        using var table = new Timer(_ => monitor.PrintTable(), null, TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(8));

        // Each window's staff work on their own; each kiosk has its own queue of citizens at the door.
        var windows = Counters.Select(c => Guard(() => WindowAsync(c, arrivalsDone.Token, ct), failed)).ToList();
        var doors = hall.Kiosks.Select((kiosk, k) => Guard(async () =>
        {
            for (var i = k + 1; i <= citizens; i += hall.Kiosks.Count)
            {
                await PaperEventsAsync(i, kiosk);
                await CitizenAsync(i, kiosk, ct);
            }
        }, failed)).ToList();
        var arrivals = Task.WhenAll(doors).ContinueWith(_ => arrivalsDone.Cancel(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
        var morning = Task.WhenAll([.. doors, .. windows]);

        // The watch: an app that died or a hall where nothing happens any more ends the demo.
        while (!morning.IsCompleted)
        {
            try
            {
                hall.EnsureAlive();
                if (monitor.Quiet > TimeSpan.FromSeconds(45))
                {
                    throw new DemoException("script", $"stalled: no event for {monitor.Quiet.TotalSeconds:0} s (last sequence {monitor.LastSequence})");
                }
            }
            catch (DemoException)
            {
                // Stop the windows and doors before reporting, so none is left pressing keys.
                await failed.CancelAsync();
                await Task.WhenAny(morning, Task.Delay(TimeSpan.FromSeconds(5), CancellationToken.None));
                throw;
            }

            await Task.WhenAny(morning, Task.Delay(250, cancellationToken));
        }

        await morning;
        await arrivals;
    }

    /// <summary>Runs a part of the morning; when it fails, the other parts are stopped too.</summary>
    private static Task Guard(Func<Task> part, CancellationTokenSource failed) => Task.Run(async () =>
    {
        try
        {
            await part();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await failed.CancelAsync();
            throw;
        }
    });

    /// <summary>Staff sign in at the staff console: the keypads have no login key.</summary>
    private async Task SignInAsync(CancellationToken ct)
    {
        using var console = new HttpClient { BaseAddress = hall.Server, Timeout = TimeSpan.FromSeconds(10) };
        foreach (var c in Counters)
        {
            using var reply = await console.PostAsJsonAsync($"/api/halls/xinqiao/counters/{c}/login", new { staffId = "staff-" + c }, ct);
            var json = await reply.Content.ReadFromJsonAsync<JsonElement>(ct);
            if (!json.GetProperty("ok").GetBoolean())
            {
                throw new DemoException("script", $"{c} login at the staff console: {json.GetProperty("error").GetProperty("code").GetString()}");
            }
        }
    }

    /// <summary>
    /// One window's morning on its keypad: call when free, serve a while, then finish (and the citizen
    /// may rate), recall first, or skip a no-show. The pausing window takes a break mid-morning.
    /// Done when the citizens have all arrived and a call finds nobody waiting anywhere in the hall.
    /// </summary>
    private async Task WindowAsync(string counter, CancellationToken arrivalsDone, CancellationToken ct)
    {
        var breakTaken = counter != PausingWindow;
        while (true)
        {
            if (!breakTaken && (Tickets >= citizens / 2 || arrivalsDone.IsCancellationRequested))
            {
                await BreakAsync(counter, arrivalsDone, ct);
                breakTaken = true;
            }

            var ticket = await CallNextAsync(counter, ct);
            if (ticket is null)
            {
                if (arrivalsDone.IsCancellationRequested && breakTaken && monitor.Waiting == 0)
                {
                    return;
                }

                await Task.Delay(Pick(300, 900), ct);
                continue;
            }

            await Task.Delay(Pick(3000, 9000), ct);
            var roll = Roll();
            if (roll < 0.08)
            {
                await KeyAsync(counter, "skip", Caused("ticket-skipped", counter, ticket), ct);
                continue;
            }

            if (roll < 0.18)
            {
                await KeyAsync(counter, "recall", Caused("ticket-recalled", counter, ticket), ct);
                await Task.Delay(Pick(1000, 2500), ct);
            }

            await KeyAsync(counter, "finish", Caused("ticket-finished", counter, ticket), ct);
            if (Roll() < 0.75)
            {
                await RateAsync(counter, ticket, Pick(100) < 85 ? 5 : Pick(1, 5), ct);
            }
        }
    }

    /// <summary>Presses call-next; the ticket called, or null when the keypad says nobody waits.</summary>
    private async Task<string?> CallNextAsync(string counter, CancellationToken ct)
    {
        // The keypad still showing the last NONE would read as this press's answer: wait it out.
        var keypad = hall.Address(counter, BusDeviceKind.Keypad);
        await UntilAsync(() => !KeypadNobody.Contains(Shows(keypad)), TimeSpan.FromSeconds(10), () => $"{counter}: the keypad kept showing \"{Shows(keypad)}\"", ct);
        var called = await KeyAsync(counter, "call-next", e => Is(e, "ticket-called", counter), ct, KeypadNobody.Contains);
        return called?.GetProperty("number").GetString();
    }

    /// <summary>The pause key pauses the idle window; some time later the same key resumes it.</summary>
    private async Task BreakAsync(string counter, CancellationToken arrivalsDone, CancellationToken ct)
    {
        await KeyAsync(counter, "pause", e => Is(e, "counter-changed", counter) && Str(e, "action") == "pause", ct);
        var back = DateTime.UtcNow.AddSeconds(4);
        while (DateTime.UtcNow < back || (Tickets < (citizens * 3) / 4 && !arrivalsDone.IsCancellationRequested))
        {
            await Task.Delay(250, ct);
        }

        await KeyAsync(counter, "pause", e => Is(e, "counter-changed", counter) && Str(e, "action") == "resume", ct);
    }

    /// <summary>After a finish the evaluator asks; the citizen reads the prompt and presses a score.</summary>
    private async Task RateAsync(string counter, string ticket, int score, CancellationToken ct)
    {
        var evaluator = hall.Address(counter, BusDeviceKind.Evaluator);
        await UntilAsync(() => hall.Bus.Describe(evaluator).EndsWith("prompt on", StringComparison.Ordinal), PressTimeout, () => $"{counter}: the evaluator did not ask for a rating of {ticket}", ct);
        await Task.Delay(Pick(300, 1200), ct);
        var mark = monitor.EventCount;
        hall.Bus.Command(string.Create(CultureInfo.InvariantCulture, $"rate {evaluator} {score}"));
        JsonElement? rated = null;
        await UntilAsync(() => (rated = monitor.FindEvent(mark, e => Is(e, "evaluation", counter))) is not null, PressTimeout, () => $"{counter}: the rating {score} for {ticket} was not recorded", ct);
        if (Str(rated!.Value, "number") != ticket)
        {
            // The evaluator rates what the display says is pending; say so if that was another ticket.
            output.WriteLine($"        {counter}: the evaluator recorded the rating for {Str(rated.Value, "number")}, not {ticket}");
        }
    }

    /// <summary>
    /// Presses a key and waits for the event it causes (or, when given, a keypad answer that means
    /// nothing happened). A press that got no answer is pressed once more — it may have been read
    /// while the keypad was offline; a refusal on the keypad ends the demo naming window and key.
    /// </summary>
    private async Task<JsonElement?> KeyAsync(string counter, string key, Func<JsonElement, bool> caused, CancellationToken ct, Func<string, bool>? nothing = null)
    {
        var keypad = hall.Address(counter, BusDeviceKind.Keypad);
        var mark = monitor.EventCount;
        for (var attempt = 1; ; attempt++)
        {
            hall.Bus.Command(string.Create(CultureInfo.InvariantCulture, $"press {keypad} {key}"));
            var deadline = DateTime.UtcNow + PressTimeout;
            while (DateTime.UtcNow < deadline)
            {
                if (monitor.FindEvent(mark, caused) is { } e)
                {
                    return e;
                }

                var shows = Shows(keypad);
                if (nothing?.Invoke(shows) == true)
                {
                    return null;
                }

                if (KeypadRefusals.Contains(shows))
                {
                    throw new DemoException("script", $"{counter}: {key} was refused, the keypad shows \"{shows}\"");
                }

                await Task.Delay(50, ct);
            }

            if (attempt == 2)
            {
                throw new DemoException("script", $"{counter}: pressed {key} twice and nothing happened; the keypad shows \"{Shows(keypad)}\"");
            }

            output.WriteLine($"        {counter}: {key} got no answer within {PressTimeout.TotalSeconds:0} s, pressed again");
        }
    }

    /// <summary>The text on a keypad's display.</summary>
    private string Shows(byte keypad)
    {
        var line = hall.Bus.Describe(keypad);
        var open = line.IndexOf('"', StringComparison.Ordinal);
        var close = line.LastIndexOf('"');
        return open >= 0 && close > open ? line[(open + 1)..close] : string.Empty;
    }

    private static Func<JsonElement, bool> Caused(string type, string counter, string ticket) => e => Is(e, type, counter) && Str(e, "number") == ticket;

    private static bool Is(JsonElement e, string type, string counter) => Str(e, "type") == type && Str(e, "counterId") == counter;

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static async Task UntilAsync(Func<bool> condition, TimeSpan timeout, Func<string> failure, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow >= deadline)
            {
                throw new DemoException("script", failure());
            }

            await Task.Delay(50, ct);
        }
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
