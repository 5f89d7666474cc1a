using System.Text.Json;

namespace HallDevices.DeviceSim.Demo;

/// <summary>
/// One window's caller keypad and evaluator as its staff and citizens use them. Staff learn what a
/// press did as staff do: from what the keypad then shows and from the hall's events (the call on
/// the board, the finished ticket) — never from a reply to a request of their own. A press that got
/// no answer is pressed once more (it may have been read while the keypad was offline); a refusal
/// on the keypad ends the demo naming window and key.
/// </summary>
public sealed class StaffWindow(string counter, WindowBus bus, HallMonitor monitor, Polling wait, TextWriter output)
{
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
    private static readonly TimeSpan StaleNoneTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PressPoll = TimeSpan.FromMilliseconds(50);

    /// <summary>The window (counter id).</summary>
    public string Counter { get; } = counter;

    /// <summary>Presses call-next; the ticket called, or null when the keypad says nobody waits.</summary>
    public async Task<string?> CallNextAsync(CancellationToken ct)
    {
        // The keypad still showing the last NONE would read as this press's answer: wait it out.
        await wait.UntilAsync(() => !KeypadNobody.Contains(bus.KeypadShows(Counter)), StaleNoneTimeout, () => $"{Counter}: the keypad kept showing \"{bus.KeypadShows(Counter)}\"", ct);
        var called = await KeyAsync("call-next", e => DemoEvents.Is(e, "ticket-called", Counter), ct, KeypadNobody.Contains);
        return called is { } e ? DemoEvents.Number(e) : null;
    }

    /// <summary>The citizen did not come: skip.</summary>
    public Task SkipAsync(string ticket, CancellationToken ct) => KeyAsync("skip", DemoEvents.Caused("ticket-skipped", Counter, ticket), ct);

    /// <summary>Call the same citizen again.</summary>
    public Task RecallAsync(string ticket, CancellationToken ct) => KeyAsync("recall", DemoEvents.Caused("ticket-recalled", Counter, ticket), ct);

    /// <summary>Done with the citizen.</summary>
    public Task FinishAsync(string ticket, CancellationToken ct) => KeyAsync("finish", DemoEvents.Caused("ticket-finished", Counter, ticket), ct);

    /// <summary>The pause key on an idle window: a break.</summary>
    public Task PauseAsync(CancellationToken ct) => KeyAsync("pause", DemoEvents.CounterChanged(Counter, "pause"), ct);

    /// <summary>The same key again: back from the break.</summary>
    public Task ResumeAsync(CancellationToken ct) => KeyAsync("pause", DemoEvents.CounterChanged(Counter, "resume"), ct);

    /// <summary>After a finish the evaluator asks; the citizen reads the prompt (for as long as <paramref name="reading"/> says, once it shows) and presses a score.</summary>
    public async Task RateAsync(string ticket, int score, Func<TimeSpan> reading, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(reading);
        await wait.UntilAsync(() => bus.EvaluatorAsks(Counter), PressTimeout, () => $"{Counter}: the evaluator did not ask for a rating of {ticket}", ct);
        await wait.DelayAsync(reading(), ct);
        var mark = monitor.EventCount;
        bus.Rate(Counter, score);
        JsonElement? rated = null;
        await wait.UntilAsync(() => (rated = monitor.FindEvent(mark, e => DemoEvents.Is(e, "evaluation", Counter))) is not null, PressTimeout, () => $"{Counter}: the rating {score} for {ticket} was not recorded", ct);
        if (DemoEvents.Number(rated!.Value) != ticket)
        {
            // The evaluator rates what the display says is pending; say so if that was another ticket.
            output.WriteLine($"        {Counter}: the evaluator recorded the rating for {DemoEvents.Number(rated.Value)}, not {ticket}");
        }
    }

    /// <summary>
    /// Presses a key and waits for the event it causes (or, when given, a keypad answer that means
    /// nothing happened).
    /// </summary>
    private async Task<JsonElement?> KeyAsync(string key, Func<JsonElement, bool> caused, CancellationToken ct, Func<string, bool>? nothing = null)
    {
        var mark = monitor.EventCount;
        for (var attempt = 1; ; attempt++)
        {
            bus.Press(Counter, key);
            var pressed = wait.Time.GetTimestamp();
            while (wait.Time.GetElapsedTime(pressed) < PressTimeout)
            {
                if (monitor.FindEvent(mark, caused) is { } e)
                {
                    return e;
                }

                var shows = bus.KeypadShows(Counter);
                if (nothing?.Invoke(shows) == true)
                {
                    return null;
                }

                if (KeypadRefusals.Contains(shows))
                {
                    throw new DemoException("script", $"{Counter}: {key} was refused, the keypad shows \"{shows}\"");
                }

                await wait.DelayAsync(PressPoll, ct);
            }

            if (attempt == 2)
            {
                throw new DemoException("script", $"{Counter}: pressed {key} twice and nothing happened; the keypad shows \"{bus.KeypadShows(Counter)}\"");
            }

            output.WriteLine($"        {Counter}: {key} got no answer within {PressTimeout.TotalSeconds:0} s, pressed again");
        }
    }
}
