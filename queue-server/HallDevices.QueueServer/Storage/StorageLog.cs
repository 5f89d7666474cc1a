namespace HallDevices.QueueServer.Storage;

/// <summary>Log messages more than one storage piece writes, so their text stays one.</summary>
internal static class StorageLog
{
    /// <summary>A batch (or, with <paramref name="count"/> 0, reopening the file after one) failed; the journal keeps the records.</summary>
    public static void ApplyFailed(this ILogger log, Exception e, int count, string database) =>
        log.LogError(e, "Could not write {Count} journal record(s) to {Database}; they stay in the journal and are tried again", count, database);
}
