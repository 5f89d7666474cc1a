using System.Globalization;
using HallDevices.DeviceSim.Emulators;

namespace HallDevices.DeviceSim.Demo;

/// <summary>
/// The window bus as staff and citizens meet it, by window: what a caller keypad shows, whether an
/// evaluator asks for a rating, and the keys and scores they press — on the emulator, as people would.
/// </summary>
public sealed class WindowBus(BusEmulatorHost bus, IReadOnlyList<BusDeviceEntry> map)
{
    /// <summary>Bus address of the <paramref name="kind"/> device of window <paramref name="counter"/>.</summary>
    public byte Address(string counter, BusDeviceKind kind) =>
        map.First(d => d.Counter == counter && d.Kind == kind).Address;

    /// <summary>What <paramref name="counter"/>'s keypad shows; empty while it is unplugged.</summary>
    public string KeypadShows(string counter) => bus.View(Address(counter, BusDeviceKind.Keypad)).Text ?? string.Empty;

    /// <summary>Whether <paramref name="counter"/>'s evaluator asks for a rating.</summary>
    public bool EvaluatorAsks(string counter) => bus.View(Address(counter, BusDeviceKind.Evaluator)).Prompt;

    /// <summary>Presses <paramref name="key"/> (call-next, recall, skip, finish, pause) on <paramref name="counter"/>'s keypad.</summary>
    public void Press(string counter, string key) =>
        bus.Command(string.Create(CultureInfo.InvariantCulture, $"press {Address(counter, BusDeviceKind.Keypad)} {key}"));

    /// <summary>Presses score <paramref name="score"/> (1–5) on <paramref name="counter"/>'s evaluator.</summary>
    public void Rate(string counter, int score) =>
        bus.Command(string.Create(CultureInfo.InvariantCulture, $"rate {Address(counter, BusDeviceKind.Evaluator)} {score}"));
}
