namespace HallDevices.Devices.Printer;

/// <summary><c>ESC J n</c>: feed n dots.</summary>
/// <param name="Dots">Dots fed.</param>
public sealed record EscPosDotFeed(int Dots) : EscPosCommand;
