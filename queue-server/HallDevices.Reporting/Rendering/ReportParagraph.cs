namespace HallDevices.Reporting.Rendering;

/// <summary>Running text, wrapped to the page width (Chinese between any two characters, other text at spaces); a line feed starts a new line.</summary>
/// <param name="Text">The text.</param>
public sealed record ReportParagraph(string Text) : ReportBlock
{
    /// <summary>Smaller grey text, for notes and definitions.</summary>
    public bool Muted { get; init; }
}
