namespace HallDevices.Reporting.Rendering;

/// <summary>
/// No font with Chinese glyphs could be loaded for a chart or a PDF. Thrown instead of drawing, because a
/// fallback font renders Chinese as empty boxes and pdftotext then reads nothing back (docs/design.md §7).
/// </summary>
public sealed class ReportFontException : Exception
{
    /// <summary>Creates the exception with its message.</summary>
    public ReportFontException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its message and cause.</summary>
    public ReportFontException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public ReportFontException()
        : base("No CJK font for reports.")
    {
    }
}
