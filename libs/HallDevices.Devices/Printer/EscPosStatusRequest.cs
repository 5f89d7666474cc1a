namespace HallDevices.Devices.Printer;

/// <summary><c>DLE EOT n</c>: a real-time status request the printer must answer with one byte.</summary>
/// <param name="N">Which status: 1–4.</param>
public sealed record EscPosStatusRequest(int N) : EscPosCommand;
