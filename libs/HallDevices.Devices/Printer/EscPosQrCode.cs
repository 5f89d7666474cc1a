namespace HallDevices.Devices.Printer;

/// <summary><c>GS ( k</c> fn 81: print the stored QR symbol.</summary>
/// <param name="Data">Data stored with fn 80 (empty when none was stored).</param>
/// <param name="ModuleSize">Module size from fn 67 (default 3).</param>
/// <param name="ErrorLevel">Error level from fn 69 (default L).</param>
/// <param name="Alignment">Alignment in effect.</param>
public sealed record EscPosQrCode(byte[] Data, int ModuleSize, QrErrorLevel ErrorLevel, EscPosAlignment Alignment) : EscPosCommand;
