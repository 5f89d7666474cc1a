using HallDevices.Queueing.Engine;
using HallDevices.Queueing.Tickets;
using Microsoft.Extensions.Logging.Abstractions;

namespace HallDevices.QueueServer.Storage;

/// <summary>
/// One hall's durable state: an append-only journal that every change is written to before the
/// engine answers (<see cref="JournalSegments"/>), and the LiteDB file (<see cref="LiteHallStore"/>)
/// that a background writer (<see cref="DatabaseWriter"/>) brings up to date from it in batches.
/// </summary>
/// <remarks>
/// <para>
/// Why two files: a LiteDB commit writes many pages, and once its log passes
/// <see cref="LiteHallStore.CheckpointPages"/> LiteDB checkpoints it into the data file (copy,
/// truncate, fsync) inside the committing call, a pause that kept the request p99 above its goal
/// (docs/perf.md, Storage). Appending one JSON line to a file is one <c>write</c> call; the
/// database work, checkpoints included, moves to the writer threads and is batched there.
/// </para>
/// <para>
/// Durability is unchanged: a journal line is in the kernel when <see cref="Commit"/> returns, so
/// an acknowledged change survives the process being killed (not a power cut, as before: changes
/// are not fsynced one by one; docs/design.md §7). Journal files are deleted only after a
/// LiteDB checkpoint, which flushes the data file to disk. On start, records the database does not
/// hold yet are applied before anything is loaded (<see cref="JournalReplay"/>).
/// </para>
/// <para>
/// Readers never see less than was acknowledged: <see cref="EventsAfter"/> serves the latest
/// events from memory (<see cref="RecentEventRing"/>), and whatever a reader takes from the
/// database (<see cref="Load"/>, <see cref="Latest"/>, older events) it takes once the database
/// holds every change committed so far (<see cref="WaitForDatabase"/>). Past a backlog of changes
/// the writer cannot write, new changes are refused instead of piling up in memory. Answers never
/// wait for the writer: they only need the journal.
/// </para>
/// </remarks>
public sealed class HallStore : IHallJournal, IDisposable
{
    /// <summary>Events kept in memory for readers filling a gap (see <see cref="EventsAfter"/>).</summary>
    // More than a consumer that noticed a gap normally misses, few enough for the server's memory
    // budget with 1,000 clients, which has little room: 10,000 took it over (docs/perf.md, MQTT load).
    internal const int RecentEvents = 2_000;

    private readonly Lock _append = new();
    private readonly JournalSegments _journal;
    private readonly DatabaseWriter _writer;
    private readonly RecentEventRing _recent = new(RecentEvents);
    private readonly FileStream _inUse;
    private bool _stopping;
    private bool _disposed;

    /// <summary>Opens the hall's database at <paramref name="databasePath"/>, replays its journal and starts the writer.</summary>
    /// <param name="databasePath">The LiteDB file; the journal files go beside it.</param>
    /// <param name="log">Where replays, torn records and write failures are logged.</param>
    /// <param name="time">The real clock (not an accelerated hall clock) for the writer's waits; <see cref="TimeProvider.System"/> by default.</param>
    public HallStore(string databasePath, ILogger? log = null, TimeProvider? time = null)
        : this(databasePath, log ?? NullLogger.Instance, segmentBytes: 8 << 20, background: true, time)
    {
    }

    /// <summary>
    /// Test seam: small segments exercise rotation; <paramref name="background"/> false leaves
    /// records in the journal only, as a killed process would.
    /// </summary>
    internal HallStore(string databasePath, ILogger log, long segmentBytes, bool background, TimeProvider? time = null)
    {
        FilePath = databasePath;
        _inUse = TakeLock(databasePath);
        LiteHallStore db;
        try
        {
            db = new LiteHallStore(databasePath);
        }
        catch
        {
            _inUse.Dispose();
            throw;
        }

        try
        {
            var prefix = JournalSegments.PrefixFor(databasePath);
            var last = JournalReplay.Run(db, prefix, log);
            _journal = new JournalSegments(prefix, segmentBytes, last + 1);
            _writer = new DatabaseWriter(db, _journal, last, log, time ?? TimeProvider.System, background);
        }
        catch
        {
            db.Dispose();
            _inUse.Dispose();
            throw;
        }
    }

    /// <summary>Changes the catch-up thread wrote, at normal priority, since the store opened (a health figure).</summary>
    public long AppliedByCatchUp => _writer.AppliedByCatchUp;

    /// <summary>The database file.</summary>
    public string FilePath { get; }

    /// <summary>Journal records committed but not yet in the database (a health figure).</summary>
    public long Backlog => _writer.Backlog;

    /// <inheritdoc />
    public void Commit(HallChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_append)
        {
            ObjectDisposedException.ThrowIf(_stopping, this);
            if (_journal.Broken)
            {
                throw new IOException($"the journal of {FilePath} could not be repaired after a failed write; restart the server (nothing acknowledged is lost)");
            }

            if (_writer.Waiting >= DatabaseWriter.MaxBacklog)
            {
                throw new IOException($"{_writer.Waiting} changes are waiting to be written to {FilePath}; the database writer is failing (see the log)");
            }

            var number = _writer.Committed + 1;
            _journal.Append(number, change);

            // Inside the lock: Dispose cannot have disposed the writer's signals yet (it sets _stopping here first).
            _writer.Add(number, change);
            _recent.Add(change.Events);
        }
    }

    /// <summary>Loads what a restart needs (see <see cref="LiteHallStore.Load"/>).</summary>
    public HallSnapshot Load(DateOnly today) => _writer.Read(today, static (db, day) => db.Load(day));

    /// <summary>Events after <paramref name="afterSequence"/>, oldest first, at most <paramref name="limit"/>.</summary>
    /// <remarks>
    /// A consumer that saw a gap usually misses a few recent events: when the last
    /// <see cref="RecentEvents"/> committed since the store opened cover the request, they come from
    /// memory without waiting for the database writer.
    /// </remarks>
    public IReadOnlyList<HallEvent> EventsAfter(long afterSequence, int limit)
    {
        lock (_append)
        {
            if (_recent.After(afterSequence, limit) is { } events)
            {
                return events;
            }
        }

        return _writer.Read((afterSequence, limit), static (db, a) => db.EventsAfter(a.afterSequence, a.limit));
    }

    /// <summary>
    /// The hall's events with <see cref="HallEvent.At"/> at or after <paramref name="from"/> to the
    /// end of the log, oldest first, read from the database a page of
    /// <see cref="LiteHallStore.EventPage"/> at a time as the caller enumerates (reports of a month).
    /// </summary>
    /// <remarks>
    /// The first page is read once the database holds every change committed so far
    /// (<see cref="WaitForDatabase"/>); the later ones continue from it with the database as it is,
    /// so a long read never waits for the writer again. Only the look-up of a page holds the
    /// database (the writer's batches wait for it); parsing the events does not.
    /// </remarks>
    public IEnumerable<HallEvent> EventsFrom(DateTimeOffset from) => EventsFrom(from, LiteHallStore.EventPage);

    /// <summary>Test seam: <see cref="EventsFrom(DateTimeOffset)"/> with small pages.</summary>
    internal IEnumerable<HallEvent> EventsFrom(DateTimeOffset from, int pageSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        return Pages(from, pageSize);
    }

    private IEnumerable<HallEvent> Pages(DateTimeOffset from, int pageSize)
    {
        var page = _writer.Read((from, pageSize), static (db, a) =>
            db.FirstSequenceFrom(a.from) is { } first ? db.EventJsonPage(first, a.pageSize) : ([], 0));
        while (true)
        {
            foreach (var e in LiteHallStore.Deserialize(page.Json, from))
            {
                yield return e;
            }

            if (page.Json.Count < pageSize)
            {
                yield break;
            }

            page = _writer.ReadNow((page.Last + 1, pageSize), static (db, a) => db.EventJsonPage(a.Item1, a.pageSize));
        }
    }

    /// <summary>The latest events of the given types, newest first.</summary>
    public IReadOnlyList<HallEvent> Latest(IReadOnlySet<string> types, int count) =>
        _writer.Read((types, count), static (db, a) => db.Latest(a.types, a.count));

    /// <summary>Writes everything committed to the database, stops the writer and removes the journal.</summary>
    public void Dispose()
    {
        lock (_append)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _stopping = true;
            _writer.BeginStop();
        }

        // The catch-up thread writes what is left at normal priority; the idle writer just stops.
        _writer.Stop();
        _journal.Dispose();
        _writer.ReleaseJournal();
        _writer.Dispose();
        _inUse.Dispose();
    }

    /// <summary>Waits (at most 5 s, else <see cref="TimeoutException"/>) until the database holds every change committed so far.</summary>
    public void WaitForDatabase() => _writer.WaitForDatabase();

    /// <summary>Test seam: closes the files without writing the backlog, as <c>kill -9</c> would.</summary>
    internal void Abandon()
    {
        lock (_append)
        {
            _disposed = true;
            _stopping = true;
            _writer.BeginStop();
        }

        _journal.Dispose();
        _writer.Abandon();
        _inUse.Dispose(); // as the kernel drops a killed process's locks
    }

    /// <summary>
    /// An exclusive lock on <c>{database}.lock</c> for as long as the store is open, so a second
    /// process (the report CLI beside a running server, a second server on the same folder) is told
    /// the hall is in use instead of writing the same files.
    /// </summary>
    /// <remarks>
    /// LiteDB's own lock does not do it on Linux: it opens its file with <c>FileShare.Read</c>, for
    /// which .NET takes a shared <c>flock</c>, which other processes get too. <c>FileShare.None</c>
    /// takes an exclusive one; the kernel drops it when the process ends, even by <c>kill -9</c>,
    /// so a crash leaves no stale lock.
    /// </remarks>
    private static FileStream TakeLock(string databasePath)
    {
        var path = Path.GetFullPath(databasePath) + ".lock";
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (e.GetType() == typeof(IOException))
        {
            // A plain IOException is the sharing violation (not a missing folder or a bad path).
            throw new HallStoreInUseException(databasePath, e);
        }
    }
}
