namespace HallDevices.Devices.Modbus;

/// <summary>What an LED strip reports about itself (<see cref="LedWindowStrip.ReadAsync"/>).</summary>
/// <param name="Brightness">0–15.</param>
/// <param name="TextLength">UTF-16 code units of text it holds, 0 when blank.</param>
public readonly record struct LedStripReading(int Brightness, int TextLength);
