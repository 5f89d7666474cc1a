namespace HallDevices.DeviceSim.Demo;

/// <summary>
/// The scripted morning: citizens arrive at the kiosks (ID card, appointment code, pass code),
/// staff at the N+1 windows call, recall, skip no-shows and finish on their caller keypads and
/// citizens rate on the evaluators; a printer runs out of paper and is refilled; a window pauses
/// with its keypad's pause key and comes back with the same key. Everything goes through the
/// emulated devices, the kiosks' touch UI, the staff console and the MQTT contract — nothing
/// reaches into the server. This class is the story (who comes, what they choose, what staff
/// press and when); <see cref="StaffWindow"/>, <see cref="KioskUi"/> and <see cref="StaffConsole"/>
/// are how those people work the devices. The one console action is signing in at the start of
/// the day: a caller keypad has no login key.
/// </summary>
public sealed class DemoScript(DemoHall hall, HallMonitor monitor, int citizens, int seed, TextWriter output, TimeProvider time)
{
    private static readonly string[] CardServices = ["pension-enrol", "medical-insurance", "social-card", "subsistence", "elderly-allowance", "residence-permit", "id-card", "homestead"];
    private static readonly string[] AppointmentServices = ["pension-enrol", "household-move", "disability-card", "retirement"];
    private static readonly string[] OpenServices = ["consultation", "farm-subsidy"];

    private readonly Random _random = new(seed);
    private readonly Lock _dice = new();
    private readonly Polling _wait = new(time);

    private int _tickets;
    private int _refusals;

    /// <summary>Citizens who left with a ticket.</summary>
    public int Tickets => Volatile.Read(ref _tickets);

    /// <summary>Citizens turned away with a reason (shown on the kiosk).</summary>
    public int Refusals => Volatile.Read(ref _refusals);

    // The second window of the hall takes a break mid-morning.
    private string PausingWindow => hall.Counters[Math.Min(1, hall.Counters.Count - 1)];

    /// <summary>Runs the morning to the end: every ticket issued is served, skipped or voided.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        foreach (var c in hall.Counters)
        {
            await hall.Console.SignInAsync(c, "staff-" + c, cancellationToken);
        }

        // A press made before the display first polled that keypad is taken as an old one and
        // dropped (by design: a restarted device must not replay), so staff start once every keypad
        // and evaluator reports online — which the display publishes after that first poll.
        var devices = hall.Counters.SelectMany(c => new[] { "keypad-" + c, "evaluator-" + c }).ToList();
        await _wait.UntilAsync(() => devices.All(monitor.Online), TimeSpan.FromSeconds(30), () => $"the window bus did not come up: offline {string.Join(", ", devices.Where(d => !monitor.Online(d)))}", cancellationToken);

        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var ct = failed.Token;
        using var arrivalsDone = new CancellationTokenSource();
        using var table = time.CreateTimer(_ => monitor.PrintTable(), null, TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(8));

        // Each window's staff work on their own; each kiosk has its own queue of citizens at the door.
        var windows = hall.Counters.Select(c => Guard(() => WindowAsync(new StaffWindow(c, hall.Windows, monitor, _wait, output), arrivalsDone.Token, ct), failed)).ToList();
        var doors = hall.Kiosks.Select((kiosk, k) => Guard(async () =>
        {
            for (var i = k + 1; i <= citizens; i += hall.Kiosks.Count)
            {
                PaperEvents(i, kiosk);
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
                await Task.WhenAny(morning, _wait.DelayAsync(TimeSpan.FromSeconds(5), CancellationToken.None));
                throw;
            }

            await Task.WhenAny(morning, _wait.DelayAsync(250, cancellationToken));
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

    /// <summary>
    /// One window's morning on its keypad: call when free, serve a while, then finish (and the citizen
    /// may rate), recall first, or skip a no-show. The pausing window takes a break mid-morning.
    /// Done when the citizens have all arrived and a call finds nobody waiting anywhere in the hall.
    /// </summary>
    private async Task WindowAsync(StaffWindow window, CancellationToken arrivalsDone, CancellationToken ct)
    {
        var breakTaken = window.Counter != PausingWindow;
        while (true)
        {
            if (!breakTaken && (Tickets >= citizens / 2 || arrivalsDone.IsCancellationRequested))
            {
                await BreakAsync(window, arrivalsDone, ct);
                breakTaken = true;
            }

            var ticket = await window.CallNextAsync(ct);
            if (ticket is null)
            {
                if (arrivalsDone.IsCancellationRequested && breakTaken && monitor.Waiting == 0)
                {
                    return;
                }

                await _wait.DelayAsync(Pick(300, 900), ct);
                continue;
            }

            await _wait.DelayAsync(Pick(3000, 9000), ct);
            var roll = Roll();
            if (roll < 0.08)
            {
                await window.SkipAsync(ticket, ct);
                continue;
            }

            if (roll < 0.18)
            {
                await window.RecallAsync(ticket, ct);
                await _wait.DelayAsync(Pick(1000, 2500), ct);
            }

            await window.FinishAsync(ticket, ct);
            if (Roll() < 0.75)
            {
                await window.RateAsync(ticket, Pick(100) < 85 ? 5 : Pick(1, 5), () => TimeSpan.FromMilliseconds(Pick(300, 1200)), ct);
            }
        }
    }

    /// <summary>The pause key pauses the idle window; some time later the same key resumes it.</summary>
    private async Task BreakAsync(StaffWindow window, CancellationToken arrivalsDone, CancellationToken ct)
    {
        await window.PauseAsync(ct);
        var started = time.GetTimestamp();
        while (time.GetElapsedTime(started) < TimeSpan.FromSeconds(4) || (Tickets < (citizens * 3) / 4 && !arrivalsDone.IsCancellationRequested))
        {
            await _wait.DelayAsync(250, ct);
        }

        await window.ResumeAsync(ct);
    }

    /// <summary>One third into the morning the first kiosk's printer runs dry; a few citizens later it is refilled.</summary>
    private void PaperEvents(int i, DemoKiosk kiosk)
    {
        if (kiosk != hall.Kiosks[0])
        {
            return;
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
    }

    /// <summary>
    /// Citizen <paramref name="i"/> at <paramref name="kiosk"/>: most bring their ID card and choose a
    /// service, some an appointment booked beforehand (card, then the code), the rest a pass code
    /// (green or, now and then, yellow) for a service without an ID card.
    /// </summary>
    private async Task CitizenAsync(int i, DemoKiosk kiosk, CancellationToken ct)
    {
        using var ui = new KioskUi(kiosk.Ui, _wait);
        await ui.CancelAsync(ct);
        var roll = Roll();
        KioskView outcome;
        if (roll < 0.6)
        {
            kiosk.Reader.Place(i);
            await ui.WaitScreenAsync(s => s == "services", ct);
            var service = CardServices[Pick(CardServices.Length)];
            var readsGuide = Roll() < 0.3;
            if (readsGuide)
            {
                // Some read the guide first, an older citizen in the elderly mode (read aloud), and take it on the receipt.
                var elderly = Roll() < 0.4;
                if (elderly)
                {
                    await ui.ElderlyAsync(true, ct);
                }

                await ui.OpenGuideAsync(service, ct);
                output.WriteLine($"        {kiosk.Id}: citizen {i} reads the guide of {service}{(elderly ? " in the elderly mode, read aloud" : "")}");
            }

            outcome = await ui.ChooseAsync(service, ct, printGuide: readsGuide);
            kiosk.Reader.Remove();
        }
        else if (roll < 0.8)
        {
            var service = AppointmentServices[Pick(AppointmentServices.Length)];
            var code = await hall.Console.BookAppointmentAsync(service, ct);
            kiosk.Reader.Place(i);
            await ui.WaitScreenAsync(s => s == "services", ct);
            await kiosk.Scanner.ScanAsync(code, ct);
            outcome = await ui.WaitScreenAsync(s => s is "ticket" or "message", ct);
            kiosk.Reader.Remove();
        }
        else
        {
            var green = Roll() < 0.85;
            await kiosk.Scanner.ScanAsync($"HC1:{(green ? "green" : "yellow")}:{Pick(int.MaxValue):x8}", ct);
            var seen = await ui.WaitScreenAsync(s => s is "services" or "message", ct);
            outcome = seen.Screen == "services" ? await ui.ChooseAsync(OpenServices[Pick(OpenServices.Length)], ct) : seen;
        }

        if (outcome.IsTicket)
        {
            Interlocked.Increment(ref _tickets);
            output.WriteLine($"        {kiosk.Id}: citizen {i} took {outcome.TicketNumber}");
        }
        else
        {
            Interlocked.Increment(ref _refusals);
            output.WriteLine($"        {kiosk.Id}: citizen {i} was told '{outcome.MessageCode}'");
        }

        await ui.CancelAsync(ct);
        await _wait.DelayAsync(Pick(300, 900), ct);
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
}
