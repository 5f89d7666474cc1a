namespace HallDevices.Devices.IdCard;

/// <summary>
/// Incremental SAM frame decoder. Feed it whatever the port delivered; it yields frame bodies and
/// silently resynchronises on noise, impossible lengths and bad checksums (it never throws on
/// input), counting what it dropped so callers can log or answer with an error status.
/// </summary>
public sealed class SamFrameDecoder
{
    private byte[] _buffer = new byte[512];
    private int _count;

    /// <summary>Bytes thrown away while hunting for a preamble or after a rejected frame.</summary>
    public long DiscardedBytes { get; private set; }

    /// <summary>Frames rejected because their XOR checksum did not match.</summary>
    public long ChecksumErrors { get; private set; }

    /// <summary>Frames rejected because their length field was impossible.</summary>
    public long LengthErrors { get; private set; }

    /// <summary>Bytes buffered but not yet consumed (a partial frame or a partial preamble).</summary>
    public int BufferedBytes => _count;

    /// <summary>Appends received bytes.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        if (_count + data.Length > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _count + data.Length));
        }

        data.CopyTo(_buffer.AsSpan(_count));
        _count += data.Length;
    }

    /// <summary>
    /// Drops any partial frame. Call it after a reply timeout: a frame whose length field claimed
    /// more bytes than ever came would otherwise hold the decoder until the bytes trickle in.
    /// </summary>
    public void Reset()
    {
        DiscardedBytes += _count;
        _count = 0;
    }

    /// <summary>Tries to take the next complete, checksum-valid frame from the buffer.</summary>
    /// <param name="body">The bytes between LEN and CHK when a frame was found.</param>
    /// <returns><see langword="true"/> when a frame was decoded.</returns>
    public bool TryReadFrame(out byte[] body)
    {
        ReadOnlySpan<byte> preamble = SamFrameCodec.Preamble;
        while (true)
        {
            var span = _buffer.AsSpan(0, _count);
            int start = span.IndexOf(preamble);
            if (start < 0)
            {
                // Keep the longest tail that could still grow into a preamble.
                int keep = Math.Min(_count, preamble.Length - 1);
                while (keep > 0 && !span[^keep..].SequenceEqual(preamble[..keep]))
                {
                    keep--;
                }

                Consume(_count - keep, discarded: true);
                body = [];
                return false;
            }

            if (start > 0)
            {
                Consume(start, discarded: true);
                span = _buffer.AsSpan(0, _count);
            }

            if (_count < SamFrameCodec.HeaderLength)
            {
                body = [];
                return false;
            }

            int len = (span[5] << 8) | span[6];
            if (len < 2 || len > SamFrameCodec.MaxLengthField)
            {
                LengthErrors++;
                Consume(1, discarded: true);
                continue;
            }

            int total = SamFrameCodec.HeaderLength + len;
            if (_count < total)
            {
                body = [];
                return false;
            }

            byte expected = SamFrameCodec.Checksum(span.Slice(5, 2 + len - 1));
            if (expected != span[total - 1])
            {
                // Skip one byte only: a real frame may start inside the rejected one.
                ChecksumErrors++;
                Consume(1, discarded: true);
                continue;
            }

            body = span.Slice(SamFrameCodec.HeaderLength, len - 1).ToArray();
            Consume(total, discarded: false);
            return true;
        }
    }

    private void Consume(int n, bool discarded)
    {
        if (n <= 0)
        {
            return;
        }

        if (discarded)
        {
            DiscardedBytes += n;
        }

        Buffer.BlockCopy(_buffer, n, _buffer, 0, _count - n);
        _count -= n;
    }
}
