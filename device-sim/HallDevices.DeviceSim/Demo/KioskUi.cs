using System.Net.Http.Json;
using System.Text.Json;

namespace HallDevices.DeviceSim.Demo;

/// <summary>
/// A kiosk's touch UI as a citizen uses it, over the kiosk's local HTTP API: tap a service, go back
/// to the start, and read what the screen shows (<see cref="KioskView"/>).
/// </summary>
public sealed class KioskUi : IDisposable
{
    private static readonly TimeSpan ScreenTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ScreenPoll = TimeSpan.FromMilliseconds(60);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpClient _http;
    private readonly Polling _wait;

    /// <summary>The UI at <paramref name="ui"/>.</summary>
    public KioskUi(Uri ui, Polling wait)
    {
        _http = new HttpClient { BaseAddress = ui, Timeout = TimeSpan.FromSeconds(10) };
        _wait = wait;
    }

    /// <summary>Back to the start screen (the cancel button).</summary>
    public async Task CancelAsync(CancellationToken cancellationToken) =>
        (await _http.PostAsync(new Uri("/api/cancel", UriKind.Relative), null, cancellationToken)).Dispose();

    /// <summary>What the screen shows now.</summary>
    public async Task<KioskView> ViewAsync(CancellationToken cancellationToken)
    {
        var state = await _http.GetFromJsonAsync<StateDto>("/api/state", Json, cancellationToken)
            ?? throw new DemoException("script", $"kiosk {_http.BaseAddress} answered /api/state with nothing");
        var v = state.View;
        return new KioskView(v.Screen, v.Version, v.MessageCode, v.Ticket?.Number);
    }

    /// <summary>Taps <paramref name="serviceId"/> (取号, or 取号并打印办事指南 with <paramref name="printGuide"/>) and waits for the ticket or the message that answers it.</summary>
    public async Task<KioskView> ChooseAsync(string serviceId, CancellationToken cancellationToken, bool printGuide = false)
    {
        var before = (await ViewAsync(cancellationToken)).Version;
        using var reply = await _http.PostAsJsonAsync("/api/choose", new { serviceId, printGuide }, cancellationToken);
        reply.EnsureSuccessStatusCode();
        return await WaitScreenAsync(s => s is "ticket" or "message", cancellationToken, before);
    }

    /// <summary>Opens the guide (办事指南) of <paramref name="serviceId"/>, as tapping a service in the list does.</summary>
    public async Task OpenGuideAsync(string serviceId, CancellationToken cancellationToken)
    {
        var before = (await ViewAsync(cancellationToken)).Version;
        using var reply = await _http.PostAsJsonAsync("/api/guide", new { serviceId }, cancellationToken);
        reply.EnsureSuccessStatusCode();
        await WaitScreenAsync(s => s == "guide", cancellationToken, before);
    }

    /// <summary>Switches the elderly mode (长辈模式: large type, the guide read aloud as it opens).</summary>
    public async Task ElderlyAsync(bool on, CancellationToken cancellationToken)
    {
        using var reply = await _http.PostAsJsonAsync("/api/elderly", new { on }, cancellationToken);
        reply.EnsureSuccessStatusCode();
    }

    /// <summary>Waits until the screen (newer than <paramref name="afterVersion"/>) is one <paramref name="screen"/> accepts.</summary>
    public async Task<KioskView> WaitScreenAsync(Func<string, bool> screen, CancellationToken cancellationToken, long afterVersion = 0)
    {
        ArgumentNullException.ThrowIfNull(screen);
        var started = _wait.Time.GetTimestamp();
        while (_wait.Time.GetElapsedTime(started) < ScreenTimeout)
        {
            var view = await ViewAsync(cancellationToken);
            if (view.Version > afterVersion && screen(view.Screen))
            {
                return view;
            }

            await _wait.DelayAsync(ScreenPoll, cancellationToken);
        }

        throw new DemoException("script", $"kiosk {_http.BaseAddress} did not reach the expected screen within {ScreenTimeout.TotalSeconds:0} s");
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private sealed record StateDto(ViewDto View);

    private sealed record ViewDto(string Screen, long Version, string? MessageCode, TicketDto? Ticket);

    private sealed record TicketDto(string Number);
}
