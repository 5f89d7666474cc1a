namespace HallDevices.Reporting.Rendering;

/// <summary>A section heading; it is kept on the page of what follows it.</summary>
/// <param name="Text">Heading text, e.g. 一、总体情况.</param>
/// <param name="Level">1 for a section, 2 for a subsection.</param>
public sealed record ReportHeading(string Text, int Level = 1) : ReportBlock;
