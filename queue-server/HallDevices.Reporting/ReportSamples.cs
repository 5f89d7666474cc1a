namespace HallDevices.Reporting;

/// <summary>A hall's raw waits and handling times in seconds, each array sorted ascending.</summary>
internal sealed record ReportSamples(double[] WaitSeconds, double[] HandlingSeconds);
