namespace HallDevices.Reporting.Rendering;

/// <summary>Starts a new page (nothing when already at the top of one).</summary>
public sealed record ReportPageBreak : ReportBlock;
