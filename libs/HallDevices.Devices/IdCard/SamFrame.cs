namespace HallDevices.Devices.IdCard;

/// <summary>
/// A command understood by the SAM module: a command byte and a parameter byte
/// (DESIGN.md §6; the pair is what the module dispatches on).
/// </summary>
/// <param name="Code">Command byte (CMD).</param>
/// <param name="Parameter">Parameter byte (PARA).</param>
public readonly record struct SamCommand(byte Code, byte Parameter)
{
    /// <summary><c>10 FF</c>: reset the SAM module.</summary>
    public static SamCommand Reset { get; } = new(0x10, 0xFF);

    /// <summary><c>11 FF</c>: query the SAM module's status.</summary>
    public static SamCommand SamStatus { get; } = new(0x11, 0xFF);

    /// <summary><c>20 01</c>: look for a card in the field.</summary>
    public static SamCommand FindCard { get; } = new(0x20, 0x01);

    /// <summary><c>20 02</c>: select the card that was found.</summary>
    public static SamCommand SelectCard { get; } = new(0x20, 0x02);

    /// <summary><c>30 01</c>: read the text block and the photo.</summary>
    public static SamCommand ReadTextAndPhoto { get; } = new(0x30, 0x01);

    /// <inheritdoc />
    public override string ToString() => $"{Code:X2} {Parameter:X2}";
}

/// <summary>A request from the host to the reader: command, parameter and optional data.</summary>
/// <param name="Command">The command and its parameter byte.</param>
/// <param name="Data">Bytes after the parameter (empty for every command we send).</param>
public sealed record SamRequest(SamCommand Command, byte[] Data)
{
    /// <summary>Interprets a decoded frame body (bytes between LEN and CHK) as a request.</summary>
    /// <returns>The request, or <see langword="null"/> when the body is too short to hold CMD and PARA.</returns>
    public static SamRequest? FromBody(ReadOnlySpan<byte> body) =>
        body.Length < 2 ? null : new SamRequest(new SamCommand(body[0], body[1]), body[2..].ToArray());

    /// <summary>Encodes this request as a complete wire frame.</summary>
    public byte[] ToFrame()
    {
        var body = new byte[2 + Data.Length];
        body[0] = Command.Code;
        body[1] = Command.Parameter;
        Data.CopyTo(body, 2);
        return SamFrameCodec.Encode(body);
    }
}

/// <summary>A reply from the reader: three status words and optional data.</summary>
/// <param name="Sw1">First status word (0 on every reader we know).</param>
/// <param name="Sw2">Second status word (0 on every reader we know).</param>
/// <param name="Sw3">The meaningful status code, see <see cref="SamStatus"/>.</param>
/// <param name="Data">Reply payload after the status words.</param>
public sealed record SamReply(byte Sw1, byte Sw2, byte Sw3, byte[] Data)
{
    /// <summary>The status code (SW3) as an enum value; unknown codes keep their numeric value.</summary>
    public SamStatus Status => (SamStatus)Sw3;

    /// <summary>Interprets a decoded frame body as a reply.</summary>
    /// <returns>The reply, or <see langword="null"/> when the body cannot hold the three status words.</returns>
    public static SamReply? FromBody(ReadOnlySpan<byte> body) =>
        body.Length < 3 ? null : new SamReply(body[0], body[1], body[2], body[3..].ToArray());

    /// <summary>Builds a reply with SW1 = SW2 = 0, as readers send them.</summary>
    public static SamReply Create(SamStatus status, params byte[] data) => new(0, 0, (byte)status, data);

    /// <summary>Encodes this reply as a complete wire frame.</summary>
    public byte[] ToFrame()
    {
        var body = new byte[3 + Data.Length];
        body[0] = Sw1;
        body[1] = Sw2;
        body[2] = Sw3;
        Data.CopyTo(body, 3);
        return SamFrameCodec.Encode(body);
    }
}

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
