namespace HallDevices.QueueServer.Reports;

/// <summary>What an import kept: the hall, the period of the log and how many events it holds.</summary>
/// <param name="HallId">The hall the log is of.</param>
/// <param name="HallName">Its name.</param>
/// <param name="Period">The period the log was exported for (its file name under the district's imports).</param>
/// <param name="Events">Events in the log.</param>
public sealed record ImportedLog(string HallId, string HallName, string Period, long Events);
