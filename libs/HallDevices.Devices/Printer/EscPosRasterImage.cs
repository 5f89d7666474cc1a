namespace HallDevices.Devices.Printer;

/// <summary><c>GS v 0</c> raster image.</summary>
/// <param name="WidthBytes">Bytes per row (x).</param>
/// <param name="Height">Rows (y).</param>
/// <param name="Mode">m: 0 normal, 1 double width, 2 double height, 3 quadruple.</param>
/// <param name="Data">Packed rows, 1 = black, MSB first.</param>
/// <param name="Alignment">Alignment in effect.</param>
public sealed record EscPosRasterImage(int WidthBytes, int Height, int Mode, byte[] Data, EscPosAlignment Alignment) : EscPosCommand;
