namespace HallDevices.Devices.IdCard;

/// <summary>
/// A command understood by the SAM module: a command byte and a parameter byte
/// (docs/design.md §6; the pair is what the module dispatches on).
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
