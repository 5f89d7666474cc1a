namespace HallDevices.Reporting;

/// <summary>What kind of JSON value <see cref="LineValue"/> holds.</summary>
internal enum LineValueKind : byte
{
    /// <summary>A string with no escapes and no control characters; <see cref="LineValue.Raw"/> is its content.</summary>
    String,

    /// <summary>A number in JSON's grammar; <see cref="LineValue.Raw"/> is its text.</summary>
    Number,

    True,

    False,

    /// <summary>An array of such strings; <see cref="LineValue.Raw"/> is the text between the brackets.</summary>
    StringArray,
}

/// <summary>One property value of an event line, as <see cref="FastEventReader"/> scanned it.</summary>
internal readonly ref struct LineValue(LineValueKind kind, ReadOnlySpan<byte> raw)
{
    public LineValueKind Kind { get; } = kind;

    public ReadOnlySpan<byte> Raw { get; } = raw;
}
