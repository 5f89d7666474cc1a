namespace HallDevices.QueueServer.Storage;

/// <summary>
/// A hall's LiteDB file behind one lock, shared by the writer threads and readers, and opened
/// afresh after a failed write: LiteDB closes itself after an I/O error.
/// </summary>
/// <param name="db">The open database.</param>
/// <param name="log">Where a failed reopen is logged.</param>
internal sealed class ReopeningDatabase(LiteHallStore db, ILogger log) : IDisposable
{
    private readonly Lock _gate = new();
    private LiteHallStore _db = db;

    /// <summary>The database file.</summary>
    public string FilePath { get; } = db.FilePath;

    /// <summary>Runs <paramref name="use"/> on the database, alone.</summary>
    public TResult Use<TArg, TResult>(TArg arg, Func<LiteHallStore, TArg, TResult> use)
    {
        lock (_gate)
        {
            return use(_db, arg);
        }
    }

    /// <summary>See <see cref="LiteHallStore.Apply"/>.</summary>
    public void Apply(IReadOnlyList<Queueing.Engine.HallChange> changes, long journalNumber)
    {
        lock (_gate)
        {
            _db.Apply(changes, journalNumber);
        }
    }

    /// <summary>See <see cref="LiteHallStore.Checkpoint"/>.</summary>
    public void Checkpoint()
    {
        lock (_gate)
        {
            _db.Checkpoint();
        }
    }

    /// <summary>
    /// Closes and opens the file again after a failed write; returns the last journal record it
    /// holds, or 0 when it cannot be opened (the caller tries again later).
    /// </summary>
    public long Reopen()
    {
        lock (_gate)
        {
            try
            {
                _db.Dispose();
            }
            catch (Exception e) when (e is IOException or LiteDB.LiteException or ObjectDisposedException)
            {
                // Already closed by LiteDB itself after the error.
            }

            try
            {
                _db = new LiteHallStore(FilePath);
                return _db.JournalApplied;
            }
            catch (Exception e) when (e is IOException or LiteDB.LiteException or UnauthorizedAccessException)
            {
                log.ApplyFailed(e, 0, FilePath);
                return 0;
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => _db.Dispose();
}
