namespace HallDevices.Devices.Printer;

/// <summary><c>GS k</c> barcode.</summary>
/// <param name="Symbology">m as sent (73 = CODE128).</param>
/// <param name="Data">Barcode data bytes.</param>
/// <param name="Alignment">Alignment in effect.</param>
public sealed record EscPosBarcode(int Symbology, byte[] Data, EscPosAlignment Alignment) : EscPosCommand;
