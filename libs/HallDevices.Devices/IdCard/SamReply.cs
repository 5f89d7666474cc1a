namespace HallDevices.Devices.IdCard;

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
