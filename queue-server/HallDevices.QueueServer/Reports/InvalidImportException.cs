namespace HallDevices.QueueServer.Reports;

/// <summary>An event log offered for import is not one this server can take (the message says why, with the line).</summary>
public sealed class InvalidImportException(string message, Exception? inner = null) : Exception(message, inner);
