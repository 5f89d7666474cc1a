namespace HallDevices.Devices.IdCard;

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
