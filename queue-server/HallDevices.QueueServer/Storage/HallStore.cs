using System.Buffers;
using System.Globalization;
using System.Text.Json;
using HallDevices.Queueing.Engine;
using HallDevices.Queueing.Tickets;
using Microsoft.Extensions.Logging.Abstractions;

namespace HallDevices.QueueServer.Storage;

/// <summary>
/// One hall's durable state: an append-only journal that every change is written to before the
/// engine answers, and the LiteDB file (<see cref="LiteHallStore"/>) that a background writer
/// brings up to date from it in batches.
/// </summary>
/// <remarks>
/// <para>
/// Why two files: a LiteDB commit writes about a dozen pages, and once its log passes
/// <see cref="LiteHallStore.CheckpointPages"/> LiteDB checkpoints it into the data file (copy,
/// truncate, fsync) inside the committing call — measured when that was LiteDB's default of 1,000
/// pages, about 5 ms every ~80 tickets on the CI machine, which is what kept the request p99 above
/// its goal. Appending one JSON line to a file is one <c>write</c> call; the database work, checkpoints
/// included, moves to the writer thread and is batched there.
/// </para>
/// <para>
/// Durability is unchanged: a journal line is in the kernel when <see cref="Commit"/> returns, so
/// an acknowledged change survives the process being killed (not a power cut, as before: changes
/// are not fsynced one by one; ../shared/DESIGN.md §7). Journal files are deleted only after a
/// LiteDB checkpoint, which flushes the data file to disk. On start, records the database does not hold yet
/// (<see cref="LiteHallStore.JournalApplied"/>) are applied before anything is loaded. A record
/// cut short at the very end of the journal was never acknowledged (its write did not return) and
/// is dropped with a warning; damage anywhere else stops start-up with the file and line named.
/// </para>
/// <para>
/// Files: <c>{hallId}.journal.{first record number}</c> beside the database, a new one every
/// few MB; a file is deleted once the database holds all of it, so at rest there is none.
/// Readers never see less than was acknowledged: <see cref="EventsAfter"/> serves the latest
/// events from memory, and whatever a reader takes from the database (<see cref="Load"/>,
/// <see cref="Latest"/>, older events) it takes once the database holds every change committed so
/// far (<see cref="WaitForDatabase"/>). A writer that
/// fails reopens the database and tries again; past a backlog of changes it cannot write, new
/// changes are refused instead of piling up in memory.
/// </para>
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
/// </remarks>
public sealed class HallStore : IHallJournal, IDisposable
{
    private const int MaxBatch = 512;

    // Small, so the idle-priority writer, if it is starved while holding the batch, keeps the
    // catch-up thread waiting for little work (it cannot be hurried: a thread cannot leave the
    // idle class without privilege).
    internal const int IdleBatch = 32;

    // How long the idle writer gathers changes before a batch (measured at 200 tickets/s: ticket
    // p99 1.2-1.3 ms against 1.5 ms when each change was its own transaction).
    private static readonly TimeSpan GroupWindow = TimeSpan.FromMilliseconds(20);

    /// <summary>Changes waiting beyond which the catch-up thread writes at normal priority.</summary>
    internal const int CatchUpBacklog = 2_000;

    /// <summary>How often the catch-up thread checks whether the oldest waiting change is still waiting.</summary>
    internal static readonly TimeSpan StallCheck = TimeSpan.FromMilliseconds(250);

    /// <summary>Events kept in memory for readers filling a gap (see <see cref="EventsAfter"/>).</summary>
    // More than a consumer that noticed a gap normally misses, few enough for the server's memory
    // budget (150 MB with 1,000 clients), which has little room: with 10,000 the load generator
    // measured 145-152 MB, with 2,000 143-146 MB.
    internal const int RecentEvents = 2_000;
    private static readonly TimeSpan ReadWait = TimeSpan.FromSeconds(5);

    // Beyond this many changes not yet in the database the writer is failing, not just busy: new
    // changes are refused (storage-unavailable) rather than held in memory without bound.
    private const long MaxBacklog = 200_000;
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private readonly Lock _dbGate = new();
    private LiteHallStore _db;
    private readonly ILogger _log;
    private readonly long _segmentBytes;
    private readonly string _journalPrefix;
    private readonly Lock _append = new();
    private readonly Queue<(long Number, HallChange Change)> _pending = new();
    private readonly Queue<(long First, string Path)> _segments = new();
    private readonly ArrayBufferWriter<byte> _line = new(4096);
    private readonly Utf8JsonWriter _json;
    private readonly AutoResetEvent _work = new(false);
    private readonly AutoResetEvent _behind = new(false);
    private readonly Lock _writerGate = new();
    private readonly object _appliedGate = new();
    private readonly Thread? _writer;
    private readonly Thread? _catchUp;
    private readonly HallEvent[] _recent = new HallEvent[RecentEvents];
    private long _recentLast;
    private int _recentCount;
    private int _readersWaiting;
    private long _appliedByCatchUp;
    private volatile bool _catchingUp;
    private volatile bool _warm;
    private FileStream _segment;
    private long _appended;
    private long _applied;
    private volatile bool _stopping;
    private bool _broken;
    private bool _disposed;

    /// <summary>Opens the hall's database at <paramref name="databasePath"/>, replays its journal and starts the writer.</summary>
    public HallStore(string databasePath, ILogger? log = null)
        : this(databasePath, log ?? NullLogger.Instance, segmentBytes: 8 << 20, background: true)
    {
    }

    /// <summary>
    /// Test seam: small segments exercise rotation; <paramref name="background"/> false leaves
    /// records in the journal only, as a killed process would.
    /// </summary>
    internal HallStore(string databasePath, ILogger log, long segmentBytes, bool background)
    {
        _log = log;
        _segmentBytes = segmentBytes;
        _db = new LiteHallStore(databasePath);
        FilePath = databasePath;
        var full = Path.GetFullPath(databasePath);
        _journalPrefix = Path.Combine(Path.GetDirectoryName(full)!, Path.GetFileNameWithoutExtension(full) + ".journal.");
        _json = new Utf8JsonWriter(_line, new JsonWriterOptions { Encoder = LiteHallStore.Json.Encoder });
        try
        {
            _applied = _appended = Replay();
            _segment = OpenSegment(_appended + 1);
        }
        catch
        {
            _db.Dispose();
            throw;
        }

        if (background)
        {
            _writer = new Thread(WriteBehind) { IsBackground = true, Name = "hall-store " + Path.GetFileName(full) };
            _catchUp = new Thread(CatchUp) { IsBackground = true, Name = "hall-catch " + Path.GetFileName(full) };
            _writer.Start();
            _catchUp.Start();
        }
    }

    /// <summary>Changes the catch-up thread wrote, at normal priority, since the store opened (a health figure).</summary>
    public long AppliedByCatchUp => Interlocked.Read(ref _appliedByCatchUp);

    /// <summary>The database file.</summary>
    public string FilePath { get; }

    /// <summary>Journal records committed but not yet in the database (a health figure).</summary>
    public long Backlog
    {
        get
        {
            lock (_appliedGate)
            {
                return Volatile.Read(ref _appended) - _applied;
            }
        }
    }

    /// <inheritdoc />
    public void Commit(HallChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_append)
        {
            ObjectDisposedException.ThrowIf(_stopping, this);
            if (_broken)
            {
                throw new IOException($"the journal of {FilePath} could not be repaired after a failed write; restart the server (nothing acknowledged is lost)");
            }

            if (_pending.Count >= MaxBacklog)
            {
                throw new IOException($"{_pending.Count} changes are waiting to be written to {FilePath}; the database writer is failing (see the log)");
            }

            var number = _appended + 1;
            _line.ResetWrittenCount();
            _json.Reset(_line);
            JsonSerializer.Serialize(_json, new JournalRecord(number, change.Events, change.Tickets, change.Counters, change.Request), LiteHallStore.Json);
            _line.Write("\n"u8);
            if (_segment.Position > 0 && _segment.Position + _line.WrittenCount > _segmentBytes)
            {
                // The new file first: if it cannot be opened, the current one stays in use.
                var next = OpenSegment(number);
                _segment.Dispose();
                _segment = next;
            }

            var before = _segment.Position;
            try
            {
                _segment.Write(_line.WrittenSpan);
            }
            catch (IOException)
            {
                // Leave no half line behind, or the next start would read it as damage mid-journal;
                // if even that fails, take no more changes rather than append after a torn line.
                try
                {
                    _segment.SetLength(before);
                    _segment.Position = before;
                }
                catch (IOException)
                {
                    _broken = true;
                }

                throw;
            }

            _pending.Enqueue((number, change));
            Volatile.Write(ref _appended, number);
            Remember(change.Events);

            // Inside the lock: Dispose cannot have disposed the events yet (it sets _stopping here first).
            _work.Set();
            if (_pending.Count == CatchUpBacklog || !_warm)
            {
                _behind.Set();
            }
        }
    }

    /// <summary>Loads what a restart needs (see <see cref="LiteHallStore.Load"/>).</summary>
    public HallSnapshot Load(DateOnly today)
    {
        WaitForWriter();
        lock (_dbGate)
        {
            return _db.Load(today);
        }
    }

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
            if (_recentCount > 0 && afterSequence + 1 >= _recentLast - _recentCount + 1)
            {
                var events = new List<HallEvent>((int)Math.Clamp(_recentLast - afterSequence, 0, limit));
                for (var sequence = afterSequence + 1; sequence <= _recentLast && events.Count < limit; sequence++)
                {
                    events.Add(_recent[sequence % RecentEvents]);
                }

                return events;
            }
        }

        WaitForWriter();
        lock (_dbGate)
        {
            return _db.EventsAfter(afterSequence, limit);
        }
    }

    /// <summary>The latest events of the given types, newest first.</summary>
    public IReadOnlyList<HallEvent> Latest(IReadOnlySet<string> types, int count)
    {
        WaitForWriter();
        lock (_dbGate)
        {
            return _db.Latest(types, count);
        }
    }

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
        }

        // The catch-up thread writes what is left at normal priority; the idle writer just stops.
        _work.Set();
        _behind.Set();
        _writer?.Join();
        _catchUp?.Join();
        _segment.Dispose();
        if (_writer is not null && Backlog == 0)
        {
            DeleteAppliedSegments(_appended, everything: true);
        }

        _db.Dispose();
        _json.Dispose();
        _work.Dispose();
        _behind.Dispose();
    }

    /// <summary>Waits (at most 5 s, else <see cref="TimeoutException"/>) until the database holds every change committed so far.</summary>
    public void WaitForDatabase() => WaitForWriter();

    /// <summary>Test seam: closes the files without writing the backlog, as <c>kill -9</c> would.</summary>
    internal void Abandon()
    {
        lock (_append)
        {
            _disposed = true;
            _stopping = true;
        }

        _work.Set();
        _segment.Dispose();
        _db.Dispose();
    }

    private void WaitForWriter()
    {
        var target = Volatile.Read(ref _appended);
        if (_writer is null)
        {
            return;
        }

        if (Volatile.Read(ref _applied) >= target)
        {
            return;
        }

        // A reader waits for the catch-up thread, not for idle CPU time.
        Interlocked.Increment(ref _readersWaiting);
        try
        {
            _behind.Set();
            WaitForApplied(target);
        }
        finally
        {
            Interlocked.Decrement(ref _readersWaiting);
        }
    }

    private void WaitForApplied(long target)
    {
        lock (_appliedGate)
        {
            var deadline = Environment.TickCount64 + (long)ReadWait.TotalMilliseconds;
            while (_applied < target)
            {
                var left = deadline - Environment.TickCount64;
                if (left <= 0 || !Monitor.Wait(_appliedGate, TimeSpan.FromMilliseconds(left)))
                {
                    if (_applied >= target)
                    {
                        break;
                    }

                    throw new TimeoutException($"the hall database is {target - _applied} change(s) behind its journal after {ReadWait.TotalSeconds:0} s; see the log");
                }
            }
        }
    }

    /// <summary>The writer: at idle priority, applies whatever is committed as soon as the CPU is free.</summary>
    private void WriteBehind()
    {
        if (IdlePriority.TryEnter() is { } why)
        {
            LogNormalPriority(FilePath, why);
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
                // commit writes about two dozen pages whether it holds one change or thirty.
                if (!_stopping && Backlog < IdleBatch)
                {
                    Thread.Sleep(GroupWindow);
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
                _behind.WaitOne(StallCheck);
            }

            var stopping = _stopping;
            var oldest = OldestWaiting();
            var behind = stopping
                || (oldest != 0 && !_warm)
                || Backlog >= CatchUpBacklog
                || Volatile.Read(ref _readersWaiting) > 0
                || (oldest != 0 && oldest <= committedAtLastCheck);
            committedAtLastCheck = Volatile.Read(ref _appended);
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

    /// <summary>Keeps committed events for <see cref="EventsAfter"/>; called under the append lock.</summary>
    private void Remember(IReadOnlyList<HallEvent> events)
    {
        foreach (var e in events)
        {
            if (_recentCount > 0 && e.Sequence != _recentLast + 1)
            {
                // Not the next in line (never expected: the engine numbers events without gaps);
                // start over rather than serve a list with a hole in it.
                _recentCount = 0;
            }

            _recent[e.Sequence % RecentEvents] = e;
            _recentLast = e.Sequence;
            _recentCount = Math.Min(_recentCount + 1, RecentEvents);
        }
    }

    private long OldestWaiting()
    {
        lock (_append)
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
        lock (_append)
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
            lock (_dbGate)
            {
                _db.Apply(batch, last);
            }
        }
        catch (Exception e)
        {
            // Any failure, not only I/O: an exception escaping this thread would end the server.
            // Nothing is lost: the changes stay in the journal and in memory. LiteDB closes itself
            // after an I/O error, and its checkpoint can fail after the transaction was stored, so
            // the file is reopened and asked what it holds before trying again (or, when stopping,
            // the changes are left to the next start's replay rather than hang the shutdown).
            LogApplyFailed(e, batch.Count, FilePath);
            if (_stopping)
            {
                return null;
            }

            Thread.Sleep(RetryDelay);
            last = Reopen();
            if (last == 0)
            {
                return 0;
            }
        }

        var applied = 0;
        lock (_append)
        {
            while (_pending.Count > 0 && _pending.Peek().Number <= last)
            {
                _pending.Dequeue();
                applied++;
            }
        }

        // Files go before readers are told, so anyone who saw a change applied sees its file gone.
        DeleteAppliedSegments(last, everything: false);
        lock (_appliedGate)
        {
            _applied = Math.Max(_applied, last);
            Monitor.PulseAll(_appliedGate);
        }

        return applied;
    }

    /// <summary>
    /// Reopens the database after a failed write; returns the last journal record it holds, or 0
    /// when it cannot be opened (tried again on the next round).
    /// </summary>
    private long Reopen()
    {
        lock (_dbGate)
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
                LogApplyFailed(e, 0, FilePath);
                return 0;
            }
        }
    }

    /// <summary>Deletes journal files whose records are all ≤ <paramref name="applied"/> (all but the one being written, unless <paramref name="everything"/>).</summary>
    private void DeleteAppliedSegments(long applied, bool everything)
    {
        List<string> done = [];
        lock (_append)
        {
            while (_segments.Count > (everything ? 0 : 1))
            {
                var (_, path) = _segments.Peek();
                var next = _segments.Count > 1 ? _segments.ElementAt(1).First : _appended + 1;
                if (next - 1 > applied)
                {
                    break;
                }

                done.Add(_segments.Dequeue().Path);
            }
        }

        if (done.Count > 0)
        {
            // LiteDB's checkpoint copies its log into the data file and flushes it to disk, so a
            // power cut cannot leave the database older than the journal files deleted below.
            try
            {
                lock (_dbGate)
                {
                    _db.Checkpoint();
                }
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

    private FileStream OpenSegment(long first)
    {
        var path = _journalPrefix + first.ToString("D12", CultureInfo.InvariantCulture);

        // bufferSize 0: every Write is one write(2), so a returned Commit is in the kernel.
        var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 0);
        _segments.Enqueue((first, path));
        return stream;
    }

    /// <summary>Applies journal records the database does not hold yet; returns the last record number.</summary>
    private long Replay()
    {
        var applied = _db.JournalApplied;
        var files = Directory.GetFiles(Path.GetDirectoryName(_journalPrefix)!, Path.GetFileName(_journalPrefix) + "*")
            .Select(f => (Path: f, First: long.TryParse(f.AsSpan(_journalPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1))
            .Where(f => f.First >= 0)
            .OrderBy(f => f.First)
            .ToList();
        var batch = new List<HallChange>(MaxBatch);
        var last = applied;

        // A damaged line stops start-up, but only after everything before it is in the database,
        // so the message can say exactly where the hall's history stops.
        InvalidDataException Damaged(string file, int line, string why)
        {
            if (batch.Count > 0)
            {
                _db.Apply(batch, last);
                batch.Clear();
            }

            return new InvalidDataException(
                $"hall journal {file} line {line} is damaged ({why}). The database now holds every change up to journal record {last}; "
                + $"to start without the changes from that line on, cut the file before line {line} and move any later {Path.GetFileName(_journalPrefix)}* files aside.");
        }

        for (var f = 0; f < files.Count; f++)
        {
            // A file whose records are all in the database already (left when a delete failed) is
            // not even read: damage in it cannot matter.
            if (f + 1 < files.Count && files[f + 1].First - 1 <= applied)
            {
                continue;
            }

            var bytes = File.ReadAllBytes(files[f].Path).AsSpan();
            var line = 0;
            while (!bytes.IsEmpty)
            {
                line++;
                var end = bytes.IndexOf((byte)'\n');
                if (end < 0)
                {
                    if (f == files.Count - 1)
                    {
                        LogTornRecord(Path.GetFileName(files[f].Path), line, bytes.Length);
                        break;
                    }

                    throw Damaged(files[f].Path, line, "the record is cut short");
                }

                JournalRecord record;
                try
                {
                    record = JsonSerializer.Deserialize<JournalRecord>(bytes[..end], LiteHallStore.Json) ?? throw new JsonException("null record");
                }
                catch (Exception e) when (e is JsonException or NotSupportedException)
                {
                    // NotSupportedException: an event whose type discriminator was damaged.
                    throw Damaged(files[f].Path, line, e.Message);
                }

                bytes = bytes[(end + 1)..];
                if (record.N <= applied)
                {
                    continue;
                }

                if (record.N != last + 1)
                {
                    throw Damaged(files[f].Path, line, $"record {record.N} follows record {last}: records are missing");
                }

                batch.Add(new HallChange("", record.Events, record.Tickets, record.Counters) { Request = record.Request });
                last = record.N;
                if (batch.Count == MaxBatch)
                {
                    _db.Apply(batch, last);
                    batch.Clear();
                }
            }
        }

        if (batch.Count > 0)
        {
            _db.Apply(batch, last);
        }

        if (last > applied)
        {
            LogReplayed(last - applied, FilePath);
        }

        if (files.Count > 0)
        {
            // On disk before the journal goes (see DeleteAppliedSegments).
            _db.Checkpoint();
        }

        foreach (var (path, _) in files)
        {
            File.Delete(path);
        }

        return last;
    }

    private void LogApplyFailed(Exception e, int count, string file) =>
        _log.LogError(e, "Could not write {Count} journal record(s) to {Database}; they stay in the journal and are tried again", count, file);

    private void LogNormalPriority(string file, string why) =>
        _log.LogWarning("The database writer of {Database} runs at normal priority ({Reason}); requests may wait behind it", file, why);

    private void LogTornRecord(string file, int line, int bytes) =>
        _log.LogWarning("Journal {File} ends in a record cut short at line {Line} ({Bytes} bytes): it was never acknowledged and is dropped", file, line, bytes);

    private void LogReplayed(long count, string file) =>
        _log.LogInformation("Applied {Count} journal record(s) to {Database} that it did not hold yet", count, file);

    /// <summary>One line of the journal: a committed change, numbered.</summary>
    private sealed record JournalRecord(
        long N,
        IReadOnlyList<HallEvent> Events,
        IReadOnlyList<Ticket> Tickets,
        IReadOnlyList<CounterState> Counters,
        ProcessedRequest? Request);
}
