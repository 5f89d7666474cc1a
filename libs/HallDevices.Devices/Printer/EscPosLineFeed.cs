namespace HallDevices.Devices.Printer;

/// <summary>End of line: <c>LF</c> (1 line) or <c>ESC d n</c> (n lines).</summary>
/// <param name="Lines">Lines fed; 1 for LF.</param>
public sealed record EscPosLineFeed(int Lines) : EscPosCommand;
