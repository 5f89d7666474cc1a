namespace HallDevices.DeviceSim.Emulators;

/// <summary>What one device of the window bus emulator shows now, as a person at the window sees it.</summary>
/// <param name="Device">The device.</param>
/// <param name="Unplugged">True while it is off the line (then it shows nothing).</param>
/// <param name="Text">A keypad's display or an LED strip's text; null for an evaluator.</param>
/// <param name="Prompt">An evaluator asks for a rating.</param>
public sealed record BusDeviceView(BusDeviceEntry Device, bool Unplugged, string? Text, bool Prompt);
