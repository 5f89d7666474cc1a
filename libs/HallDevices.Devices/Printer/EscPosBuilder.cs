using System.Text;
using HallDevices.Devices.Imaging;

namespace HallDevices.Devices.Printer;

/// <summary>
/// Builds an ESC/POS byte stream. Every method appends one command and returns the builder, so a
/// receipt reads top to bottom; <see cref="ToArray"/> returns the bytes to send.
/// </summary>
public sealed class EscPosBuilder
{
    private const byte Esc = 0x1B, Gs = 0x1D, Fs = 0x1C, Lf = 0x0A;
    private readonly List<byte> _bytes = [];

    /// <summary><c>ESC @</c>: reset the printer's modes.</summary>
    public EscPosBuilder Initialize() => Add(Esc, (byte)'@');

    /// <summary><c>ESC a n</c>: alignment for the following lines.</summary>
    public EscPosBuilder Align(EscPosAlignment alignment) => Add(Esc, (byte)'a', (byte)alignment);

    /// <summary><c>ESC E n</c>: bold on or off.</summary>
    public EscPosBuilder Bold(bool on) => Add(Esc, (byte)'E', on ? (byte)1 : (byte)0);

    /// <summary><c>GS ! n</c>: character magnification, width and height 1–8 each.</summary>
    public EscPosBuilder Size(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, 8);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(height, 8);
        return Add(Gs, (byte)'!', (byte)(((width - 1) << 4) | (height - 1)));
    }

    /// <summary><c>FS &amp;</c> / <c>FS .</c>: Chinese character mode on or off.</summary>
    public EscPosBuilder ChineseMode(bool on) => Add(Fs, on ? (byte)'&' : (byte)'.');

    /// <summary>Appends text in GB18030. Control characters are dropped so text cannot inject commands.</summary>
    public EscPosBuilder Text(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string clean = new(text.Where(c => !char.IsControl(c)).ToArray());
        _bytes.AddRange(EscPosEncoding.Gb18030.GetBytes(clean));
        return this;
    }

    /// <summary>Appends text and a line feed.</summary>
    public EscPosBuilder Line(string text = "") => Text(text).Add(Lf);

    /// <summary><c>ESC d n</c>: print and feed n lines.</summary>
    public EscPosBuilder Feed(int lines)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lines);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lines, 255);
        return Add(Esc, (byte)'d', (byte)lines);
    }

    /// <summary><c>GS v 0 0 xL xH yL yH d…</c>: a raster image, 1 = black, MSB first.</summary>
    public EscPosBuilder RasterImage(MonoBitmap bitmap)
    {
        ArgumentNullException.ThrowIfNull(bitmap);
        if (bitmap.BytesPerRow > 0xFFFF || bitmap.Height > 0xFFFF)
        {
            throw new ArgumentException("Bitmap is too large for GS v 0.", nameof(bitmap));
        }

        int x = bitmap.BytesPerRow, y = bitmap.Height;
        Add(Gs, (byte)'v', (byte)'0', 0, (byte)x, (byte)(x >> 8), (byte)y, (byte)(y >> 8));
        _bytes.AddRange(bitmap.ToPackedRows());
        return this;
    }

    /// <summary>
    /// Native QR via <c>GS ( k</c>: model 2 (fn 65), module size (fn 67), error level (fn 69),
    /// store data (fn 80), print (fn 81).
    /// </summary>
    public EscPosBuilder QrCode(string data, int moduleSize = 6, QrErrorLevel level = QrErrorLevel.M)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(moduleSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(moduleSize, 16);
        byte[] payload = Encoding.UTF8.GetBytes(data);
        if (payload.Length > 7089)
        {
            throw new ArgumentException("QR data is longer than a QR code holds.", nameof(data));
        }

        Add(Gs, (byte)'(', (byte)'k', 4, 0, 49, 65, 50, 0);
        Add(Gs, (byte)'(', (byte)'k', 3, 0, 49, 67, (byte)moduleSize);
        Add(Gs, (byte)'(', (byte)'k', 3, 0, 49, 69, (byte)level);
        int p = payload.Length + 3;
        Add(Gs, (byte)'(', (byte)'k', (byte)p, (byte)(p >> 8), 49, 80, 48);
        _bytes.AddRange(payload);
        return Add(Gs, (byte)'(', (byte)'k', 3, 0, 49, 81, 48);
    }

    /// <summary>
    /// CODE128 barcode (<c>GS h</c> height, <c>GS w</c> module width, <c>GS H 2</c> text below,
    /// <c>GS k 73 n {B data</c>): code set B covers printable ASCII.
    /// </summary>
    public EscPosBuilder Code128(string data, int height = 80, int moduleWidth = 2)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Length == 0 || data.Length > 253 || data.Any(c => c is < ' ' or > '~'))
        {
            throw new ArgumentException("CODE128 set B takes 1–253 printable ASCII characters.", nameof(data));
        }

        Add(Gs, (byte)'h', (byte)Math.Clamp(height, 1, 255));
        Add(Gs, (byte)'w', (byte)Math.Clamp(moduleWidth, 2, 6));
        Add(Gs, (byte)'H', 2);
        Add(Gs, (byte)'k', 73, (byte)(data.Length + 2), (byte)'{', (byte)'B');
        _bytes.AddRange(Encoding.ASCII.GetBytes(data));
        return this;
    }

    /// <summary><c>GS V 0</c> full cut or <c>GS V 1</c> partial cut.</summary>
    public EscPosBuilder Cut(bool partial = false) => Add(Gs, (byte)'V', partial ? (byte)1 : (byte)0);

    /// <summary>Appends raw bytes (for commands this builder does not know).</summary>
    public EscPosBuilder Raw(ReadOnlySpan<byte> bytes)
    {
        foreach (byte b in bytes)
        {
            _bytes.Add(b);
        }

        return this;
    }

    /// <summary>The bytes built so far.</summary>
    public byte[] ToArray() => [.. _bytes];

    private EscPosBuilder Add(params ReadOnlySpan<byte> bytes) => Raw(bytes);
}
