namespace HallDevices.Reporting.Rendering;

/// <summary>Horizontal alignment of a table column.</summary>
public enum ColumnAlign
{
    /// <summary>Right when every non-empty cell of the column is a number (e.g. 12, 3.5, 98.2%, —), else left.</summary>
    Auto,

    /// <summary>Left-aligned text.</summary>
    Left,

    /// <summary>Right-aligned, for figures.</summary>
    Right,

    /// <summary>Centred.</summary>
    Center,
}
