namespace HallDevices.Devices.Printer;

/// <summary><c>ESC @</c>.</summary>
public sealed record EscPosInitialize : EscPosCommand;
