using System.Text;

namespace HallDevices.Devices.Scanner;

/// <summary>
/// Pure line splitter for scanners: bytes in, one code per line out. Splits on the configured
/// suffix, strips the prefix, drops over-long and binary lines (reported through
/// <see cref="Rejected"/>), and never throws on input.
/// </summary>
public sealed class ScannerLineDecoder(ScannerFraming framing)
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);
    private readonly ScannerFraming _framing = framing ?? throw new ArgumentNullException(nameof(framing));
    private readonly byte[] _prefix = Encoding.UTF8.GetBytes(framing.Prefix);
    private readonly List<byte> _line = [];
    private bool _overflow;
    private int _overflowLength;
    private bool _skipLf;

    /// <summary>Lines dropped since the last call to <see cref="TakeRejected"/>.</summary>
    public IReadOnlyList<ScannerRejectedLine> Rejected => _rejected;

    private readonly List<ScannerRejectedLine> _rejected = [];

    /// <summary>True while part of a line is buffered.</summary>
    public bool HasPartialLine => _line.Count > 0 || _overflow;

    /// <summary>Returns and clears the rejected lines.</summary>
    public IReadOnlyList<ScannerRejectedLine> TakeRejected()
    {
        var copy = _rejected.ToArray();
        _rejected.Clear();
        return copy;
    }

    /// <summary>Drops a partial line (the driver calls this when a line stops arriving mid-way).</summary>
    public void DiscardPartial()
    {
        _line.Clear();
        _overflow = false;
        _overflowLength = 0;
    }

    /// <summary>Consumes bytes and returns the complete codes among them.</summary>
    public IReadOnlyList<string> Feed(ReadOnlySpan<byte> data)
    {
        var codes = new List<string>();
        int limit = _framing.MaxLength + _prefix.Length + 1;
        foreach (byte b in data)
        {
            if (_skipLf)
            {
                _skipLf = false;
                if (b == 0x0A)
                {
                    continue;
                }
            }

            bool end = _framing.Suffix == ScannerSuffix.Cr ? b == 0x0D : b == 0x0A;
            if (end)
            {
                // A CR-configured reader tolerates a following LF; a CRLF one drops the CR below.
                _skipLf = _framing.Suffix == ScannerSuffix.Cr;
                EndLine(codes);
                continue;
            }

            if (_overflow)
            {
                _overflowLength++;
                continue;
            }

            _line.Add(b);
            if (_line.Count > limit)
            {
                _overflow = true;
                _overflowLength = _line.Count;
                _line.Clear();
            }
        }

        return codes;
    }

    private void EndLine(List<string> codes)
    {
        if (_overflow)
        {
            _rejected.Add(new ScannerRejectedLine(ScannerRejection.TooLong, _overflowLength));
            DiscardPartial();
            return;
        }

        if (_framing.Suffix == ScannerSuffix.CrLf && _line.Count > 0 && _line[^1] == 0x0D)
        {
            _line.RemoveAt(_line.Count - 1);
        }

        if (_line.Count == 0)
        {
            return;
        }

        byte[] bytes = [.. _line];
        _line.Clear();
        ReadOnlySpan<byte> body = bytes;
        if (_prefix.Length > 0 && body.StartsWith(_prefix))
        {
            body = body[_prefix.Length..];
        }

        if (body.Length > _framing.MaxLength)
        {
            _rejected.Add(new ScannerRejectedLine(ScannerRejection.TooLong, bytes.Length));
            return;
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(body);
        }
        catch (DecoderFallbackException)
        {
            _rejected.Add(new ScannerRejectedLine(ScannerRejection.Binary, bytes.Length));
            return;
        }

        if (text.Length == 0 || text.Any(char.IsControl))
        {
            _rejected.Add(new ScannerRejectedLine(ScannerRejection.Binary, bytes.Length));
            return;
        }

        codes.Add(text);
    }
}
