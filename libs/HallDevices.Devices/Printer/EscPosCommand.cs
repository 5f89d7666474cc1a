namespace HallDevices.Devices.Printer;

/// <summary>One command recognised in an ESC/POS stream.</summary>
public abstract record EscPosCommand;
