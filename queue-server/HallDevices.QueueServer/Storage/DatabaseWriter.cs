using HallDevices.Queueing.Engine;

namespace HallDevices.QueueServer.Storage;

/// <summary>
/// Brings a hall's LiteDB file up to date with its journal, in batches, on two threads of its own,
/// and lets readers wait until it holds every change committed so far.
/// </summary>
/// <remarks>
/// <para>
/// Two threads share the database work, one batch at a time. The writer runs at idle priority
/// (<see cref="IdlePriority"/>), so it only uses CPU time that answering requests does not need,
/// and gathers changes for <see cref="GroupWindow"/> into one transaction.
/// A catch-up thread at normal priority takes over whenever that is not enough: the first batch
/// (it compiles LiteDB's write path), <see cref="CatchUpBacklog"/> or more changes waiting, a
/// change still waiting one <see cref="StallCheck"/> after it was committed (a busy machine
/// starves an idle-priority thread), a reader waiting, or the store closing. The idle writer never
/// waits for the batch gate, so it cannot queue in front of the catch-up thread; but a batch it
/// has begun (at most <see cref="IdleBatch"/> changes, or a LiteDB checkpoint) must end before
/// the catch-up thread can write, which on a machine kept fully busy by other programs can take
/// seconds. Answers never wait for either thread: they only need the journal.
/// </para>
/// <para>
/// A batch that fails reopens the database and is tried again; the changes stay in the journal
/// and in memory meanwhile. Journal files are deleted only after a LiteDB checkpoint, which
/// flushes the data file to disk. Every wait and sleep runs on the <see cref="TimeProvider"/>
/// given.
/// </para>
/// </remarks>
internal sealed class DatabaseWriter : IDisposable
{
    /// <summary>Changes per transaction at most (catch-up thread, replay).</summary>
    internal const int MaxBatch = 512;

    // Small, so the idle-priority writer, if it is starved while holding the batch, keeps the
    // catch-up thread waiting for little work (it cannot be hurried: a thread cannot leave the
    // idle class without privilege).
    internal const int IdleBatch = 32;

    // How long the idle writer gathers changes before a batch: fewer, larger transactions keep
    // the request tail lower than one transaction per change (docs/perf.md, MQTT load).
    internal static readonly TimeSpan GroupWindow = TimeSpan.FromMilliseconds(20);

    /// <summary>Changes waiting beyond which the catch-up thread writes at normal priority.</summary>
    internal const int CatchUpBacklog = 2_000;

    /// <summary>How often the catch-up thread checks whether the oldest waiting change is still waiting.</summary>
    internal static readonly TimeSpan StallCheck = TimeSpan.FromMilliseconds(250);

    /// <summary>How long a reader waits for the database before giving up.</summary>
    internal static readonly TimeSpan ReadWait = TimeSpan.FromSeconds(5);

    // Beyond this many changes not yet in the database the writer is failing, not just busy: new
    // changes are refused (storage-unavailable) rather than held in memory without bound.
    internal const long MaxBacklog = 200_000;

    internal static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private readonly ReopeningDatabase _db;
    private readonly JournalSegments _journal;
    private readonly ILogger _log;
    private readonly Lock _pendingGate = new();
    private readonly Queue<(long Number, HallChange Change)> _pending = new();
    private readonly AutoResetEvent _work = new(false);
    private readonly TimedSignal _behind;
    private readonly TimedSignal _gather;
    private readonly TimedSignal _retry;
    private readonly Lock _writerGate = new();
    private readonly AppliedMark _applied;
    private readonly Thread? _writer;
    private readonly Thread? _catchUp;
    private int _waiting;
    private int _readersWaiting;
    private long _appliedByCatchUp;
    private volatile bool _catchingUp;
    private volatile bool _warm;
    private volatile bool _stopping;
    private long _committed;

    /// <summary>
    /// Takes over <paramref name="db"/>, which holds every record up to <paramref name="applied"/>;
    /// <paramref name="background"/> false starts no threads (changes stay in the journal only, as
    /// in a killed process: a test seam).
    /// </summary>
    public DatabaseWriter(LiteHallStore db, JournalSegments journal, long applied, ILogger log, TimeProvider time, bool background)
    {
        _db = new ReopeningDatabase(db, log);
        _journal = journal;
        _log = log;
        FilePath = db.FilePath;
        _committed = applied;
        _applied = new AppliedMark(applied, time);
        _behind = new TimedSignal(time);
        _gather = new TimedSignal(time);
        _retry = new TimedSignal(time);
        if (background)
        {
            var name = Path.GetFileName(Path.GetFullPath(FilePath));
            _writer = new Thread(WriteBehind) { IsBackground = true, Name = "hall-store " + name };
            _catchUp = new Thread(CatchUp) { IsBackground = true, Name = "hall-catch " + name };
            _writer.Start();
            _catchUp.Start();
        }
    }

    /// <summary>The database file.</summary>
    public string FilePath { get; }

    /// <summary>Changes handed over and not yet in the database (readable without a lock).</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Changes the catch-up thread wrote, at normal priority, since the store opened.</summary>
    public long AppliedByCatchUp => Interlocked.Read(ref _appliedByCatchUp);

    /// <summary>The last change handed over (<see cref="Add"/>).</summary>
    public long Committed => Volatile.Read(ref _committed);

    /// <summary>Journal records committed but not yet in the database.</summary>
    public long Backlog
    {
        get
        {
            // The database's mark first: it never passes what was committed before it was read.
            var applied = _applied.Value;
            return Volatile.Read(ref _committed) - applied;
        }
    }

    /// <summary>
    /// Takes change <paramref name="number"/>, already in the journal, to write. Called by one thread
    /// at a time (the store's append lock), never after <see cref="BeginStop"/>.
    /// </summary>
    public void Add(long number, HallChange change)
    {
        int waiting;
        lock (_pendingGate)
        {
            _pending.Enqueue((number, change));
            waiting = _pending.Count;
            Volatile.Write(ref _waiting, waiting);

            // Inside the gate: the writer cannot apply this change (and move the database's mark
            // past it) before it counts as committed, so Backlog never reads below zero.
            Volatile.Write(ref _committed, number);
        }

        _work.Set();
        if (waiting == CatchUpBacklog || !_warm)
        {
            _behind.Set();
        }
    }

    /// <summary>
    /// Runs <paramref name="read"/> on the database once it holds every change committed so far
    /// (at most <see cref="ReadWait"/>, else <see cref="TimeoutException"/>).
    /// </summary>
    public TResult Read<TArg, TResult>(TArg arg, Func<LiteHallStore, TArg, TResult> read)
    {
        WaitForDatabase();
        return _db.Use(arg, read);
    }

    /// <summary>
    /// Runs <paramref name="read"/> on the database as it is, without waiting for the writer: for
    /// the later pages of a read whose first page went through <see cref="Read"/>, so it already
    /// has every change committed before it began.
    /// </summary>
    public TResult ReadNow<TArg, TResult>(TArg arg, Func<LiteHallStore, TArg, TResult> read) => _db.Use(arg, read);

    /// <summary>Waits (at most <see cref="ReadWait"/>, else <see cref="TimeoutException"/>) until the database holds every change committed so far.</summary>
    public void WaitForDatabase()
    {
        var target = Volatile.Read(ref _committed);
        if (_writer is null)
        {
            return;
        }

        if (_applied.Value >= target)
        {
            return;
        }

        // A reader waits for the catch-up thread, not for idle CPU time.
        Interlocked.Increment(ref _readersWaiting);
        try
        {
            _behind.Set();
            _applied.WaitFor(target, ReadWait);
        }
        finally
        {
            Interlocked.Decrement(ref _readersWaiting);
        }
    }

    /// <summary>No more changes come: the threads finish (the catch-up thread writes what is left). Called under the store's append lock.</summary>
    public void BeginStop() => _stopping = true;

    /// <summary>After <see cref="BeginStop"/>: wakes both threads and waits until they have ended.</summary>
    public void Stop()
    {
        // Out of a gathering window or a retry's pause too: a clock that does not run (a test's)
        // would otherwise hold the close up for good.
        _work.Set();
        _gather.Set();
        _retry.Set();
        _behind.Set();
        _writer?.Join();
        _catchUp?.Join();
    }

    /// <summary>After <see cref="Stop"/> and the journal's closing: deletes every journal file when the database holds all of them.</summary>
    public void ReleaseJournal()
    {
        if (_writer is not null && Backlog == 0)
        {
            DeleteAppliedSegments(Volatile.Read(ref _committed), everything: true);
        }
    }

    /// <summary>Test seam, after <see cref="BeginStop"/>: closes the database without writing the backlog, as <c>kill -9</c> would.</summary>
    public void Abandon()
    {
        _work.Set();
        _db.Dispose();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _db.Dispose();
        _work.Dispose();
        _behind.Dispose();
        _gather.Dispose();
        _retry.Dispose();
    }

    /// <summary>The writer: at idle priority, applies whatever is committed as soon as the CPU is free.</summary>
    private void WriteBehind()
    {
        if (IdlePriority.TryEnter() is { } why)
        {
            _log.LogWarning("The database writer of {Database} runs at normal priority ({Reason}); requests may wait behind it", FilePath, why);
        }

        var batch = new List<HallChange>(IdleBatch);
        while (!_stopping)
        {
            // Never queue for the gate: a starved thread first in line would hold up the catch-up
            // thread, which is exactly when it is needed.
            int? applied = null;
            if (_warm && !_catchingUp && _writerGate.TryEnter())
            {
                try
                {
                    applied = ApplyNextBatch(batch, IdleBatch);
                }
                finally
                {
                    _writerGate.Exit();
                }
            }

            if (applied is null)
            {
                _work.WaitOne();

                // Gather what else comes in the next moment into the same transaction: a LiteDB
                // commit writes about as many pages for one change as for thirty.
                if (!_stopping && Backlog < IdleBatch)
                {
                    _gather.Wait(GroupWindow);
                }
            }
        }
    }

    /// <summary>
    /// The catch-up thread: at normal priority, writes everything waiting whenever the idle writer
    /// is not keeping up (see the class remarks), and everything left when the store closes.
    /// </summary>
    private void CatchUp()
    {
        var batch = new List<HallChange>(MaxBatch);
        long committedAtLastCheck = 0;
        while (true)
        {
            if (!_stopping)
            {
                _behind.Wait(StallCheck);
            }

            var stopping = _stopping;
            var oldest = OldestWaiting();
            var behind = stopping
                || (oldest != 0 && !_warm)
                || Backlog >= CatchUpBacklog
                || Volatile.Read(ref _readersWaiting) > 0
                || (oldest != 0 && oldest <= committedAtLastCheck);
            committedAtLastCheck = Volatile.Read(ref _committed);
            if (behind)
            {
                _catchingUp = true;
                while (true)
                {
                    int? applied;
                    lock (_writerGate)
                    {
                        applied = ApplyNextBatch(batch, MaxBatch);
                    }

                    if (applied is null)
                    {
                        break;
                    }

                    Interlocked.Add(ref _appliedByCatchUp, applied.Value);
                    _warm |= applied > 0;
                }

                _catchingUp = false;
                if (!stopping)
                {
                    _work.Set();
                }
            }

            if (stopping)
            {
                return;
            }
        }
    }

    private long OldestWaiting()
    {
        lock (_pendingGate)
        {
            return _pending.Count > 0 ? _pending.Peek().Number : 0;
        }
    }

    /// <summary>
    /// Applies the next batch of at most <paramref name="max"/> waiting changes; the caller holds
    /// <see cref="_writerGate"/>. Returns how many changes the database took (0 after a failure it
    /// will retry), or null when nothing was waiting (or, while stopping, when the database fails:
    /// the changes stay in the journal for the next start).
    /// </summary>
    private int? ApplyNextBatch(List<HallChange> batch, int max)
    {
        long last = 0;
        batch.Clear();
        lock (_pendingGate)
        {
            foreach (var (number, change) in _pending)
            {
                if (batch.Count == max)
                {
                    break;
                }

                batch.Add(change);
                last = number;
            }
        }

        if (batch.Count == 0)
        {
            return null;
        }

        try
        {
            _db.Apply(batch, last);
        }
        catch (Exception e)
        {
            // Any failure, not only I/O: an exception escaping this thread would end the server.
            // Nothing is lost: the changes stay in the journal and in memory. LiteDB closes itself
            // after an I/O error, and its checkpoint can fail after the transaction was stored, so
            // the file is reopened and asked what it holds before trying again (or, when stopping,
            // the changes are left to the next start's replay rather than hang the shutdown).
            _log.ApplyFailed(e, batch.Count, FilePath);
            if (_stopping)
            {
                return null;
            }

            _retry.Wait(RetryDelay);
            last = _db.Reopen();
            if (last == 0)
            {
                return 0;
            }
        }

        var applied = 0;
        lock (_pendingGate)
        {
            while (_pending.Count > 0 && _pending.Peek().Number <= last)
            {
                _pending.Dequeue();
                applied++;
            }

            Volatile.Write(ref _waiting, _pending.Count);
        }

        // Files go before readers are told, so anyone who saw a change applied sees its file gone.
        DeleteAppliedSegments(last, everything: false);
        _applied.Advance(last);

        return applied;
    }

    /// <summary>Deletes journal files whose records are all ≤ <paramref name="applied"/> (all but the one being written, unless <paramref name="everything"/>).</summary>
    private void DeleteAppliedSegments(long applied, bool everything)
    {
        var done = _journal.TakeApplied(applied, everything, Volatile.Read(ref _committed));
        if (done.Count > 0)
        {
            // LiteDB's checkpoint copies its log into the data file and flushes it to disk, so a
            // power cut cannot leave the database older than the journal files deleted below.
            try
            {
                _db.Checkpoint();
            }
            catch (Exception e) when (e is IOException or LiteDB.LiteException or ObjectDisposedException)
            {
                // Keep the files: their records are all ≤ JournalApplied and skipped on replay.
                _log.LogWarning("Could not checkpoint {Database}; applied journal files are kept for now: {Reason}", FilePath, e.Message);
                return;
            }
        }

        foreach (var path in done)
        {
            try
            {
                File.Delete(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Harmless: a leftover file's records are all ≤ JournalApplied and skipped on replay.
                _log.LogWarning("Could not delete applied journal file {File}: {Reason}", path, e.Message);
            }
        }
    }
}
