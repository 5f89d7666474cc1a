namespace HallDevices.Devices.Printer;

/// <summary>A command recognised but not rendered (underline, code page, drawer kick, unknown ESC/GS/FS).</summary>
/// <param name="Bytes">The bytes skipped.</param>
public sealed record EscPosIgnored(byte[] Bytes) : EscPosCommand;
