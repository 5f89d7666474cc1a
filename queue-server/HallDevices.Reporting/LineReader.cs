using System.Runtime.CompilerServices;

namespace HallDevices.Reporting;

/// <summary>
/// Reads a stream as UTF-8 lines of bytes without decoding them to strings (the JSON reader takes
/// UTF-8): a line is handed out as memory valid until the next read. A leading BOM is skipped;
/// <c>\n</c> or <c>\r\n</c> end a line.
/// </summary>
internal sealed class LineReader
{
    private readonly Stream _stream;
    private readonly int _maxLine;
    private byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;
    private bool _eof;

    public LineReader(Stream stream, int maxLine)
    {
        _stream = stream;
        _maxLine = maxLine;
    }

    /// <summary>1-based number of the line last read.</summary>
    public long LineNumber { get; private set; }

    /// <summary>The next line, without its ending; false at the end of the stream.</summary>
    /// <exception cref="EventLogFormatException">A line is longer than the limit.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryRead(out ReadOnlyMemory<byte> line)
    {
        var searched = 0;
        while (true)
        {
            var newline = _buffer.AsSpan(_start + searched, _end - _start - searched).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var length = searched + newline;
                line = Trim(_start, length);
                _start += length + 1;
                LineNumber++;
                return true;
            }

            searched = _end - _start;
            if (_eof)
            {
                if (searched == 0)
                {
                    line = default;
                    return false;
                }

                line = Trim(_start, searched);
                _start = _end;
                LineNumber++;
                return true;
            }

            if (searched > _maxLine)
            {
                throw new EventLogFormatException(LineNumber + 1, $"line longer than {_maxLine} bytes");
            }

            Fill();
        }
    }

    private ReadOnlyMemory<byte> Trim(int start, int length)
    {
        if (length > 0 && _buffer[start + length - 1] == '\r')
        {
            length--;
        }

        if (LineNumber == 0 && length >= 3 && _buffer[start] == 0xEF && _buffer[start + 1] == 0xBB && _buffer[start + 2] == 0xBF)
        {
            start += 3;
            length -= 3;
        }

        return _buffer.AsMemory(start, length);
    }

    private void Fill()
    {
        // Keep the partial line: move it to the front, or grow the buffer when it fills it.
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _eof = true;
        }

        _end += read;
    }
}
