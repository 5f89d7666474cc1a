using HallDevices.Queueing.Evaluation;
using HallDevices.Queueing.Halls;
using HallDevices.Queueing.Tickets;

namespace HallDevices.Queueing.Engine;

/// <summary>
/// The queue engine of one hall. Every command runs under one lock, is decided against the current
/// state, committed through <see cref="IHallJournal"/>, and only then installed in memory and
/// answered — so two counters calling at the same instant never get the same ticket, and nothing
/// acknowledged is lost when the process dies. If the commit throws, memory is left untouched.
/// </summary>
/// <remarks>
/// The engine holds the committed tickets and counters and runs the commands; the call order is
/// <see cref="CallPolicy"/>, the wait told to citizens <see cref="WaitEstimator"/>, repeated requests
/// <see cref="RequestLedger"/>, per-day numbering and limits <see cref="DayTally"/>, and a command's
/// pending changes <see cref="UnitOfWork"/>. The commands are in <c>HallEngine.Tickets.cs</c>,
/// <c>HallEngine.Counters.cs</c>, <c>HallEngine.Evaluation.cs</c> (ratings) and
/// <c>HallEngine.FollowUps.cs</c> (follow-up of bad ratings, appeals); this file has the state, the
/// queries and how a command runs.
/// Every command takes an optional <c>by</c>, who asked for it, stamped on each event it emits
/// (<see cref="HallEvent.By"/>).
/// </remarks>
public sealed partial class HallEngine
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly IHallJournal _journal;
    private readonly Dictionary<string, Ticket> _tickets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CounterState> _counters = new(StringComparer.Ordinal);
    private readonly WaitingIndex _waiting = new();
    private readonly HashSet<string> _appointmentsUsed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _byToken = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FollowUpCase> _followUps = new(StringComparer.Ordinal);
    private readonly CallPolicy _callPolicy;
    private readonly WaitEstimator _estimator;
    private readonly RequestLedger _ledger = new();
    private readonly DayTally _tally;
    private long _sequence;
    private bool _staleAfterRestore;

    private HallEngine(HallDefinition hall, IHallJournal journal, TimeProvider time)
    {
        Hall = hall;
        _journal = journal;
        _time = time;
        _callPolicy = new CallPolicy(hall, _waiting);
        _estimator = new WaitEstimator(hall, _waiting, _counters);
        _tally = new DayTally(hall, Today());
    }

    /// <summary>The hall this engine runs.</summary>
    public HallDefinition Hall { get; }

    /// <summary>Sequence of the last committed event.</summary>
    public long LastSequence
    {
        get
        {
            lock (_gate)
            {
                return _sequence;
            }
        }
    }

    /// <summary>Rebuilds a hall from its last committed state (or starts a new one from <see cref="HallSnapshot.Empty"/>).</summary>
    public static HallEngine Restore(HallDefinition hall, IHallJournal journal, TimeProvider time, HallSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(hall);
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(snapshot);

        var engine = new HallEngine(hall, journal, time);
        engine._sequence = snapshot.LastSequence;
        foreach (var c in hall.Counters)
        {
            engine._counters[c.Id] = new CounterState(c.Id, CounterStatus.Closed, null, null, null, time.GetUtcNow().ToOffset(engine.Offset()));
        }

        foreach (var c in snapshot.Counters.Where(c => engine._counters.ContainsKey(c.CounterId)))
        {
            engine._counters[c.CounterId] = c;
        }

        foreach (var t in snapshot.Tickets.OrderBy(t => t.FinishedAt ?? DateTimeOffset.MinValue))
        {
            engine.Install(t);
        }

        foreach (var r in snapshot.Requests)
        {
            engine._ledger.Remember(r);
        }

        foreach (var f in snapshot.FollowUps)
        {
            engine._followUps[f.TicketId] = f;
        }

        engine._staleAfterRestore = snapshot.Tickets.Any(t => t.ServiceDay < engine._tally.Day && t.IsWaiting);
        return engine;
    }

    /// <summary>Today's ticket with that printed number, if any.</summary>
    public Ticket? FindTicket(string ticketNumber)
    {
        lock (_gate)
        {
            return _tally.TryFind(ticketNumber, out var id) ? _tickets[id] : null;
        }
    }

    /// <summary>How many tickets will be called before this one, as things stand (0 when it is not waiting).</summary>
    public int WaitingAhead(Ticket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        lock (_gate)
        {
            return _tickets.TryGetValue(ticket.Id, out var current) && current.IsWaiting ? _waiting.Ahead(current) : 0;
        }
    }

    /// <summary>The state of one counter.</summary>
    public CounterState? FindCounter(string counterId)
    {
        lock (_gate)
        {
            return _counters.GetValueOrDefault(counterId);
        }
    }

    /// <summary>Every counter, in catalogue order.</summary>
    public IReadOnlyList<CounterState> Counters()
    {
        lock (_gate)
        {
            return Hall.Counters.Select(c => _counters[c.Id]).ToList();
        }
    }

    /// <summary>Live figures of every queue, in catalogue order.</summary>
    public IReadOnlyList<QueueStatus> Queues()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            return Hall.Queues.Select(q =>
            {
                var waiting = _waiting.CountIn(q.Id);
                var oldest = _waiting.Oldest(q.Id);
                return new QueueStatus(
                    q.Id,
                    waiting,
                    oldest is null ? 0 : Math.Max(0, (now - oldest.IssuedAt).TotalSeconds),
                    _estimator.EstimateMinutes(q.Id, waiting),
                    _estimator.MeanHandlingSeconds(q.Id));
            }).ToList();
        }
    }

    /// <summary>
    /// Today's most asked-for services (tickets issued and not voided), most first: the kiosk lists
    /// them before the categories.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, int>> MostIssuedToday(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_gate)
        {
            return _tally.MostIssued(count);
        }
    }

    /// <summary>Every ticket of the current service day, in issue order (for reports and checks).</summary>
    public IReadOnlyList<Ticket> TicketsToday()
    {
        lock (_gate)
        {
            return _tickets.Values.Where(t => t.ServiceDay == _tally.Day).OrderBy(t => t, WaitingIndex.IssueOrder.Instance).ToList();
        }
    }

    /// <summary>
    /// Runs one command under the lock: a repeated <paramref name="requestId"/> returns the first
    /// outcome and changes nothing; otherwise the command decides, a refusal is discarded, and the
    /// change (with the request's outcome, so a retry after a restart is answered the same) is
    /// committed before the outcome is returned.
    /// </summary>
    /// <param name="requestId">The client's id of the request, if it gave one.</param>
    /// <param name="by">Who asked (<see cref="HallEvent.By"/>), stamped on every event the command emits.</param>
    /// <param name="command">Decides against the pending state and records its changes.</param>
    private Outcome<T> Run<T>(string? requestId, string? by, Func<UnitOfWork, Outcome<T>> command)
    {
        lock (_gate)
        {
            if (_ledger.TryReplay<T>(requestId, out var first))
            {
                return first;
            }

            var change = Begin(by);
            var outcome = command(change);
            if (!outcome.IsOk)
            {
                change.Rollback();
            }

            if (requestId is not null)
            {
                change.Remember(RequestLedger.Record(requestId, outcome, _tally.Day));
            }

            if (change.HasChanges)
            {
                Commit(change);
            }

            return outcome;
        }
    }

    private UnitOfWork Begin(string? by)
    {
        var now = _time.GetUtcNow().ToOffset(Offset());
        RollOverIfNewDay(now);
        return new UnitOfWork(_tickets, _counters, _followUps, _sequence, now, by);
    }

    /// <summary>
    /// At the first command of a new local day: tickets still waiting from an earlier day are voided
    /// (the hall closed on them), numbers restart at 001 and daily limits reset. Earlier days'
    /// tickets leave memory, except one still being served and yesterday's finished ones (as a
    /// restart loads them), so a case finished at 23:50 can be rated at 00:10 and one rated or past
    /// its window is answered as such; follow-up cases closed more than
    /// <see cref="ClosedFollowUpDays"/> days ago leave too.
    /// </summary>
    /// <remarks>
    /// Its voids are committed on their own, before the command and with no <see cref="HallEvent.By"/>:
    /// the server closed the day, not whoever happened to send the first command of the next one.
    /// </remarks>
    private void RollOverIfNewDay(DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.DateTime);
        if (today == _tally.Day && !_staleAfterRestore)
        {
            return;
        }

        _staleAfterRestore = false;
        var change = new UnitOfWork(_tickets, _counters, _followUps, _sequence, now);
        foreach (var stale in _tickets.Values.Where(t => t.ServiceDay < today && t.IsWaiting).ToList())
        {
            change.Put(VoidTicket(change, stale, "day-ended"));
        }

        if (change.HasChanges)
        {
            Commit(change);
        }

        if (today == _tally.Day)
        {
            return;
        }

        foreach (var old in _tickets.Values.Where(t => t.ServiceDay < today && !Kept(t, today, now)).ToList())
        {
            _tickets.Remove(old.Id);
            if (old.Token is { } token)
            {
                _byToken.Remove(token);
            }
        }

        var closedBefore = now.AddDays(-ClosedFollowUpDays);
        foreach (var done in _followUps.Values.Where(f => f.IsClosed && f.ClosedAt < closedBefore).Select(f => f.TicketId).ToList())
        {
            _followUps.Remove(done);
        }

        _tally.StartDay(today);
        _ledger.Clear();
    }

    /// <summary>True for an earlier day's ticket that stays in memory at the rollover to <paramref name="today"/>.</summary>
    private bool Kept(Ticket t, DateOnly today, DateTimeOffset now) =>
        t.Status == TicketStatus.Called || (t.Status == TicketStatus.Finished && (t.ServiceDay >= today.AddDays(-1) || StillRateable(t, now)));

    /// <summary>Commits the pending changes, then installs them: memory changes only once the journal has them.</summary>
    private void Commit(UnitOfWork change)
    {
        var committed = change.Commit(_journal, Hall.Id);
        _sequence = change.LastSequence;
        if (committed.Request is { } request)
        {
            _ledger.Remember(request);
        }

        var counters = committed.Counters;
        for (var i = 0; i < counters.Count; i++)
        {
            _counters[counters[i].CounterId] = counters[i];
        }

        var tickets = committed.Tickets;
        for (var i = 0; i < tickets.Count; i++)
        {
            Install(tickets[i]);
        }

        foreach (var f in committed.FollowUps)
        {
            _followUps[f.TicketId] = f;
        }
    }

    /// <summary>Puts a ticket version into memory and keeps every index and counter in step.</summary>
    private void Install(Ticket t)
    {
        var old = _tickets.GetValueOrDefault(t.Id);
        if (old is not null && old.IsWaiting)
        {
            _waiting.Remove(old);
        }

        _tickets[t.Id] = t;
        if (t.Token is { } token)
        {
            _byToken[token] = t.Id;
        }

        if (t.IsWaiting)
        {
            _waiting.Add(t);
        }

        // A booking is used while its ticket stands; a voided ticket (a failed print) gives the
        // citizen the booking back to try again.
        if (t.AppointmentId is { } booking)
        {
            if (t.Status == TicketStatus.Voided)
            {
                _appointmentsUsed.Remove(booking);
            }
            else
            {
                _appointmentsUsed.Add(booking);
            }
        }

        _tally.Count(old, t);
        _estimator.Observe(old, t);
    }

    private DateOnly Today() => DateOnly.FromDateTime(_time.GetUtcNow().ToOffset(Offset()).DateTime);

    private TimeSpan Offset() => Hall.TimeZone.GetUtcOffset(_time.GetUtcNow());
}
