namespace HallDevices.Devices.Printer;

/// <summary><c>GS V</c>: cut, the end of a receipt.</summary>
/// <param name="Partial">True for a partial cut.</param>
public sealed record EscPosCut(bool Partial) : EscPosCommand;
