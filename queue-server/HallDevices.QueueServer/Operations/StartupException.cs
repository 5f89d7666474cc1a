namespace HallDevices.QueueServer;

/// <summary>Start-up failed for a reason the operator can fix (a port in use, a bad path); printed without a stack trace.</summary>
public sealed class StartupException(string message, Exception? inner = null) : Exception(message, inner);
