namespace HallDevices.Reporting.Rendering;

/// <summary>How a table cell is drawn.</summary>
public enum CellStyle
{
    /// <summary>Plain.</summary>
    Normal,

    /// <summary>A figure that missed its target: red bold text on a light red ground (<see cref="PdfWriter.FlagFill"/>).</summary>
    Flagged,

    /// <summary>Bold, e.g. a total row.</summary>
    Strong,
}
