namespace HallDevices.Reporting;

/// <summary>A hall's raw waits and handling times in seconds, in no particular order (selection reorders them).</summary>
internal sealed record ReportSamples(double[] WaitSeconds, double[] HandlingSeconds);
