using System.Text.Json;

namespace HallDevices.DeviceSim.Demo;

/// <summary>How the script recognises, among the hall's events (<see cref="HallMonitor"/>), the one a press caused.</summary>
internal static class DemoEvents
{
    /// <summary>An event of <paramref name="type"/> at <paramref name="counter"/> for <paramref name="ticket"/>.</summary>
    public static Func<JsonElement, bool> Caused(string type, string counter, string ticket) => e => Is(e, type, counter) && Number(e) == ticket;

    /// <summary>The counter's pause key took effect (<c>counter-changed</c> with <paramref name="action"/> pause or resume).</summary>
    public static Func<JsonElement, bool> CounterChanged(string counter, string action) => e => Is(e, "counter-changed", counter) && Str(e, "action") == action;

    /// <summary>Whether <paramref name="e"/> is of <paramref name="type"/> at <paramref name="counter"/>.</summary>
    public static bool Is(JsonElement e, string type, string counter) => Str(e, "type") == type && Str(e, "counterId") == counter;

    /// <summary>The ticket number the event is about.</summary>
    public static string? Number(JsonElement e) => Str(e, "number");

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
