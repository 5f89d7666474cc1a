namespace HallDevices.QueueServer.Storage;

/// <summary>
/// The hall's database is open in another process (a running queue-server, most likely), so this
/// one may not open it: two processes writing one LiteDB file and its journal would corrupt both.
/// </summary>
/// <param name="databasePath">The database file.</param>
/// <param name="inner">The refused lock.</param>
public sealed class HallStoreInUseException(string databasePath, Exception? inner = null)
    : IOException($"the hall's database {databasePath} is in use by another process (a running queue-server?)", inner)
{
    /// <summary>The database file.</summary>
    public string FilePath { get; } = databasePath;
}
