namespace HallDevices.Devices.Printer;

/// <summary>Text style in effect when a run of text was printed.</summary>
/// <param name="Alignment">Alignment (<c>ESC a</c>).</param>
/// <param name="Bold">Bold (<c>ESC E</c> or <c>ESC !</c> bit 3).</param>
/// <param name="Width">Width multiplier 1–8.</param>
/// <param name="Height">Height multiplier 1–8.</param>
public sealed record EscPosTextStyle(EscPosAlignment Alignment, bool Bold, int Width, int Height)
{
    /// <summary>The style after <c>ESC @</c>.</summary>
    public static EscPosTextStyle Default { get; } = new(EscPosAlignment.Left, false, 1, 1);
}

/// <summary>One command recognised in an ESC/POS stream.</summary>
public abstract record EscPosCommand;

/// <summary><c>ESC @</c>.</summary>
public sealed record EscPosInitialize : EscPosCommand;

/// <summary>A run of text (no line break inside) and its style.</summary>
/// <param name="Text">The decoded text.</param>
/// <param name="Style">Style in effect.</param>
public sealed record EscPosText(string Text, EscPosTextStyle Style) : EscPosCommand;

/// <summary>End of line: <c>LF</c> (1 line) or <c>ESC d n</c> (n lines).</summary>
/// <param name="Lines">Lines fed; 1 for LF.</param>
public sealed record EscPosLineFeed(int Lines) : EscPosCommand;

/// <summary><c>ESC J n</c>: feed n dots.</summary>
/// <param name="Dots">Dots fed.</param>
public sealed record EscPosDotFeed(int Dots) : EscPosCommand;

/// <summary><c>GS v 0</c> raster image.</summary>
/// <param name="WidthBytes">Bytes per row (x).</param>
/// <param name="Height">Rows (y).</param>
/// <param name="Mode">m: 0 normal, 1 double width, 2 double height, 3 quadruple.</param>
/// <param name="Data">Packed rows, 1 = black, MSB first.</param>
/// <param name="Alignment">Alignment in effect.</param>
public sealed record EscPosRasterImage(int WidthBytes, int Height, int Mode, byte[] Data, EscPosAlignment Alignment) : EscPosCommand;

/// <summary><c>GS ( k</c> fn 81: print the stored QR symbol.</summary>
/// <param name="Data">Data stored with fn 80 (empty when none was stored).</param>
/// <param name="ModuleSize">Module size from fn 67 (default 3).</param>
/// <param name="ErrorLevel">Error level from fn 69 (default L).</param>
/// <param name="Alignment">Alignment in effect.</param>
public sealed record EscPosQrCode(byte[] Data, int ModuleSize, QrErrorLevel ErrorLevel, EscPosAlignment Alignment) : EscPosCommand;

/// <summary><c>GS k</c> barcode.</summary>
/// <param name="Symbology">m as sent (73 = CODE128).</param>
/// <param name="Data">Barcode data bytes.</param>
/// <param name="Alignment">Alignment in effect.</param>
public sealed record EscPosBarcode(int Symbology, byte[] Data, EscPosAlignment Alignment) : EscPosCommand;

/// <summary><c>GS V</c>: cut, the end of a receipt.</summary>
/// <param name="Partial">True for a partial cut.</param>
public sealed record EscPosCut(bool Partial) : EscPosCommand;

/// <summary><c>DLE EOT n</c>: a real-time status request the printer must answer with one byte.</summary>
/// <param name="N">Which status: 1–4.</param>
public sealed record EscPosStatusRequest(int N) : EscPosCommand;

/// <summary>A command recognised but not rendered (underline, code page, drawer kick, unknown ESC/GS/FS).</summary>
/// <param name="Bytes">The bytes skipped.</param>
public sealed record EscPosIgnored(byte[] Bytes) : EscPosCommand;
