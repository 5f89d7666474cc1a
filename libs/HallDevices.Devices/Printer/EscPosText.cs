namespace HallDevices.Devices.Printer;

/// <summary>A run of text (no line break inside) and its style.</summary>
/// <param name="Text">The decoded text.</param>
/// <param name="Style">Style in effect.</param>
public sealed record EscPosText(string Text, EscPosTextStyle Style) : EscPosCommand;
