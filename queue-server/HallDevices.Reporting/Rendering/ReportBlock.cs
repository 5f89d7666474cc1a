namespace HallDevices.Reporting.Rendering;

/// <summary>
/// One block of a <see cref="ReportDocument"/>, laid out top to bottom: <see cref="ReportHeading"/>,
/// <see cref="ReportParagraph"/>, <see cref="ReportTable"/>, <see cref="ReportChart"/> or
/// <see cref="ReportPageBreak"/>.
/// </summary>
public abstract record ReportBlock;
