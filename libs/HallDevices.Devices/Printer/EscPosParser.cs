using System.Text;

namespace HallDevices.Devices.Printer;

/// <summary>
/// Incremental ESC/POS parser for the printer emulator: bytes in, <see cref="EscPosCommand"/>
/// records out. Incomplete commands wait for more bytes; unknown commands are skipped; declared
/// lengths beyond <see cref="MaxRasterBytes"/> are treated as noise, so garbage cannot make it
/// throw or wait forever. Text is decoded as GB18030 (Chinese-market printers default to it).
/// </summary>
public sealed class EscPosParser
{
    /// <summary>Largest raster payload accepted (576 dots × 8,000 rows, a very long receipt).</summary>
    public const int MaxRasterBytes = 72 * 8000;

    private const int MaxPendingText = 4096;
    private readonly List<byte> _buffer = [];
    private readonly List<byte> _text = [];
    private EscPosTextStyle _style = EscPosTextStyle.Default;
    private byte[] _qrData = [];
    private int _qrModule = 3;
    private QrErrorLevel _qrLevel = QrErrorLevel.L;

    /// <summary>Style that will apply to the next text.</summary>
    public EscPosTextStyle Style => _style;

    /// <summary>True after <c>FS &amp;</c>, false after <c>FS .</c>.</summary>
    public bool ChineseMode { get; private set; } = true;

    /// <summary>Parses newly arrived bytes and returns the commands they completed.</summary>
    public IReadOnlyList<EscPosCommand> Feed(ReadOnlySpan<byte> data)
    {
        foreach (byte b in data)
        {
            _buffer.Add(b);
        }

        var output = new List<EscPosCommand>();
        int pos = 0;
        while (pos < _buffer.Count)
        {
            int used = TryParse(pos, output);
            if (used == 0)
            {
                break;
            }

            pos += used;
        }

        _buffer.RemoveRange(0, pos);
        if (_text.Count >= MaxPendingText)
        {
            FlushText(output);
        }

        return output;
    }

    /// <summary>Emits text still waiting for a line end (call when the stream goes idle).</summary>
    public IReadOnlyList<EscPosCommand> Flush()
    {
        var output = new List<EscPosCommand>();
        FlushText(output);
        return output;
    }

    private void FlushText(List<EscPosCommand> output)
    {
        if (_text.Count == 0)
        {
            return;
        }

        string s = EscPosEncoding.Gb18030.GetString([.. _text]);
        _text.Clear();
        output.Add(new EscPosText(s, _style));
    }

    private int Available(int pos) => _buffer.Count - pos;

    private byte At(int pos) => _buffer[pos];

    /// <summary>Parses one item at <paramref name="pos"/>; returns bytes consumed, 0 when incomplete.</summary>
    private int TryParse(int pos, List<EscPosCommand> output)
    {
        byte b = At(pos);
        if (b >= 0x20 && b != 0x7F)
        {
            _text.Add(b);
            return 1;
        }

        switch (b)
        {
            case 0x0A:
                FlushText(output);
                output.Add(new EscPosLineFeed(1));
                return 1;
            case 0x09:
                _text.Add((byte)' ');
                return 1;
            case 0x10:
                return ParseDle(pos, output);
            case 0x1B:
                return ParseEsc(pos, output);
            case 0x1C:
                return ParseFs(pos, output);
            case 0x1D:
                return ParseGs(pos, output);
            default:
                // CR, NUL and other stray control bytes change nothing we render.
                return 1;
        }
    }

    private int Ignore(int pos, int length, List<EscPosCommand> output)
    {
        if (Available(pos) < length)
        {
            return 0;
        }

        output.Add(new EscPosIgnored(_buffer.GetRange(pos, length).ToArray()));
        return length;
    }

    private void SetStyle(EscPosTextStyle style, List<EscPosCommand> output)
    {
        if (style != _style)
        {
            FlushText(output);
            _style = style;
        }
    }

    private int ParseDle(int pos, List<EscPosCommand> output)
    {
        if (Available(pos) < 2)
        {
            return 0;
        }

        if (At(pos + 1) != 0x04)
        {
            return 1;
        }

        if (Available(pos) < 3)
        {
            return 0;
        }

        int n = At(pos + 2);
        if (n is >= 1 and <= 4)
        {
            output.Add(new EscPosStatusRequest(n));
        }

        return 3;
    }

    private int ParseEsc(int pos, List<EscPosCommand> output)
    {
        if (Available(pos) < 2)
        {
            return 0;
        }

        byte c = At(pos + 1);
        switch ((char)c)
        {
            case '@':
                FlushText(output);
                _style = EscPosTextStyle.Default;
                _qrData = [];
                output.Add(new EscPosInitialize());
                return 2;
            case 'i':
            case 'm':
                FlushText(output);
                // Epson documents both ESC i and ESC m as partial cuts (one and three points left).
                output.Add(new EscPosCut(true));
                return 2;
            case '2':
                return Ignore(pos, 2, output);
            case '*':
                return ParseBitImage(pos, output);
            case 'p':
                return Ignore(pos, 5, output);
            case 'c':
            case '$':
            case '\\':
                return Ignore(pos, 4, output);
            case 'D':
                // Tab stops end with NUL; stop at the first NUL or give up after 33 bytes.
                for (int i = pos + 2; i < _buffer.Count && i < pos + 35; i++)
                {
                    if (At(i) == 0)
                    {
                        return Ignore(pos, i - pos + 1, output);
                    }
                }

                return Available(pos) >= 35 ? Ignore(pos, 2, output) : 0;
        }

        if (Available(pos) < 3)
        {
            return 0;
        }

        byte n = At(pos + 2);
        switch ((char)c)
        {
            case 'a':
                SetStyle(_style with { Alignment = (n % 48) switch { 1 => EscPosAlignment.Center, 2 => EscPosAlignment.Right, _ => EscPosAlignment.Left } }, output);
                return 3;
            case 'E':
                SetStyle(_style with { Bold = (n & 1) != 0 }, output);
                return 3;
            case '!':
                SetStyle(_style with { Bold = (n & 0x08) != 0, Height = (n & 0x10) != 0 ? 2 : 1, Width = (n & 0x20) != 0 ? 2 : 1 }, output);
                return 3;
            case 'd':
                FlushText(output);
                output.Add(new EscPosLineFeed(n));
                return 3;
            case 'J':
                FlushText(output);
                output.Add(new EscPosDotFeed(n));
                return 3;
            default:
                // ESC - M t R 3 G V { SP and unknown ESC x n: one parameter byte.
                return Ignore(pos, 3, output);
        }
    }

    private int ParseBitImage(int pos, List<EscPosCommand> output)
    {
        if (Available(pos) < 5)
        {
            return 0;
        }

        int m = At(pos + 2);
        int n = At(pos + 3) | (At(pos + 4) << 8);
        int bytes = m is 32 or 33 ? n * 3 : n;
        return Ignore(pos, 5 + bytes, output);
    }

    private int ParseFs(int pos, List<EscPosCommand> output)
    {
        if (Available(pos) < 2)
        {
            return 0;
        }

        switch ((char)At(pos + 1))
        {
            case '&':
                ChineseMode = true;
                return 2;
            case '.':
                ChineseMode = false;
                return 2;
            case 'S':
                return Ignore(pos, 4, output);
            default:
                return Ignore(pos, 3, output);
        }
    }

    private int ParseGs(int pos, List<EscPosCommand> output)
    {
        if (Available(pos) < 2)
        {
            return 0;
        }

        char c = (char)At(pos + 1);
        switch (c)
        {
            case 'v':
                return ParseRaster(pos, output);
            case '(':
                return ParseExtended(pos, output);
            case 'k':
                return ParseBarcode(pos, output);
            case 'V':
                return ParseCut(pos, output);
            case 'L':
            case 'W':
                return Ignore(pos, 4, output);
        }

        if (Available(pos) < 3)
        {
            return 0;
        }

        if (c == '!')
        {
            byte n = At(pos + 2);
            SetStyle(_style with { Width = ((n >> 4) & 7) + 1, Height = (n & 7) + 1 }, output);
            return 3;
        }

        return Ignore(pos, 3, output);
    }

    private int ParseCut(int pos, List<EscPosCommand> output)
    {
        if (Available(pos) < 3)
        {
            return 0;
        }

        int m = At(pos + 2);
        int length = m is 65 or 66 or 97 or 98 or 103 or 104 ? 4 : 3;
        if (Available(pos) < length)
        {
            return 0;
        }

        FlushText(output);
        output.Add(new EscPosCut(m is 1 or 49 or 66 or 98 or 104));
        return length;
    }

    private int ParseRaster(int pos, List<EscPosCommand> output)
    {
        if (Available(pos) < 8)
        {
            return 0;
        }

        if (At(pos + 2) != (byte)'0')
        {
            return Ignore(pos, 2, output);
        }

        int mode = At(pos + 3) & 3;
        int x = At(pos + 4) | (At(pos + 5) << 8);
        int y = At(pos + 6) | (At(pos + 7) << 8);
        long size = (long)x * y;
        if (size > MaxRasterBytes)
        {
            // An absurd size is noise: skip the GS and resume parsing right after it.
            return Ignore(pos, 1, output);
        }

        if (Available(pos) < 8 + size)
        {
            return 0;
        }

        FlushText(output);
        output.Add(new EscPosRasterImage(x, y, mode, _buffer.GetRange(pos + 8, (int)size).ToArray(), _style.Alignment));
        return 8 + (int)size;
    }

    private int ParseExtended(int pos, List<EscPosCommand> output)
    {
        if (Available(pos) < 5)
        {
            return 0;
        }

        int p = At(pos + 3) | (At(pos + 4) << 8);
        if (Available(pos) < 5 + p)
        {
            return 0;
        }

        int total = 5 + p;
        if (At(pos + 2) != (byte)'k' || p < 3 || At(pos + 5) != 49)
        {
            return Ignore(pos, total, output);
        }

        int fn = At(pos + 6);
        byte arg = At(pos + 7);
        switch (fn)
        {
            case 67:
                _qrModule = Math.Clamp((int)arg, 1, 16);
                break;
            case 69:
                _qrLevel = arg is >= 48 and <= 51 ? (QrErrorLevel)arg : _qrLevel;
                break;
            case 80:
                _qrData = _buffer.GetRange(pos + 8, p - 3).ToArray();
                break;
            case 81:
                FlushText(output);
                output.Add(new EscPosQrCode(_qrData, _qrModule, _qrLevel, _style.Alignment));
                break;
            default:
                output.Add(new EscPosIgnored(_buffer.GetRange(pos, total).ToArray()));
                break;
        }

        return total;
    }

    private int ParseBarcode(int pos, List<EscPosCommand> output)
    {
        if (Available(pos) < 3)
        {
            return 0;
        }

        int m = At(pos + 2);
        if (m <= 6)
        {
            // Form A: data ends with NUL; give up on runs longer than any barcode.
            for (int i = pos + 3; i < _buffer.Count && i < pos + 259; i++)
            {
                if (At(i) == 0)
                {
                    FlushText(output);
                    output.Add(new EscPosBarcode(m, _buffer.GetRange(pos + 3, i - pos - 3).ToArray(), _style.Alignment));
                    return i - pos + 1;
                }
            }

            return Available(pos) >= 259 ? Ignore(pos, 3, output) : 0;
        }

        if (Available(pos) < 4)
        {
            return 0;
        }

        int n = At(pos + 3);
        if (Available(pos) < 4 + n)
        {
            return 0;
        }

        FlushText(output);
        output.Add(new EscPosBarcode(m, _buffer.GetRange(pos + 4, n).ToArray(), _style.Alignment));
        return 4 + n;
    }
}
