namespace HallDevices.Devices.IdCard;

/// <summary>
/// Encodes SAM frames: <c>AA AA AA 96 69 | LEN(2, BE) | body | CHK</c>, where LEN counts the body
/// plus the checksum byte and CHK is the XOR of LEN and body.
/// </summary>
public static class SamFrameCodec
{
    /// <summary>Preamble that opens every frame in both directions.</summary>
    public static ReadOnlySpan<byte> Preamble => [0xAA, 0xAA, 0xAA, 0x96, 0x69];

    /// <summary>Bytes before the body: preamble plus the two length bytes.</summary>
    public const int HeaderLength = 7;

    /// <summary>
    /// Largest LEN we accept. The biggest legitimate reply (text + photo + fingerprint on newer
    /// modules) stays under 2,400 bytes; anything larger is noise and must not make us wait forever.
    /// </summary>
    public const int MaxLengthField = 4096;

    /// <summary>Wraps a body (CMD PARA data, or SW1 SW2 SW3 data) into a complete frame.</summary>
    /// <exception cref="ArgumentException">The body is empty or too long for the length field.</exception>
    public static byte[] Encode(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty || body.Length + 1 > MaxLengthField)
        {
            throw new ArgumentException($"A SAM frame body must hold 1..{MaxLengthField - 1} bytes.", nameof(body));
        }

        int len = body.Length + 1;
        var frame = new byte[HeaderLength + len];
        Preamble.CopyTo(frame);
        frame[5] = (byte)(len >> 8);
        frame[6] = (byte)len;
        body.CopyTo(frame.AsSpan(HeaderLength));
        frame[^1] = Checksum(frame.AsSpan(5, 2 + body.Length));
        return frame;
    }

    /// <summary>XOR of the given bytes (the SAM checksum over LEN and body).</summary>
    public static byte Checksum(ReadOnlySpan<byte> bytes)
    {
        byte x = 0;
        foreach (byte b in bytes)
        {
            x ^= b;
        }

        return x;
    }
}
