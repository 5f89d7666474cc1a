using HallDevices.Queueing.Evaluation;
using HallDevices.Queueing.Tickets;

namespace HallDevices.Queueing.Engine;

/// <summary>
/// The pending changes of one command: read-your-writes on top of the committed state, which it
/// never writes. <see cref="Commit"/> hands everything to the journal and only then forgets it, so
/// a journal that throws leaves the committed state and the sequence as they were;
/// <see cref="Rollback"/> discards a refused command's changes.
/// </summary>
/// <param name="tickets">The committed tickets (the engine's map, read only here).</param>
/// <param name="counters">The committed counters (the engine's map, read only here).</param>
/// <param name="followUps">The committed follow-up cases (the engine's map, read only here).</param>
/// <param name="lastSequence">Sequence of the last committed event; events emitted continue from it.</param>
/// <param name="now">The command's one clock reading, in the hall's offset.</param>
/// <param name="by">Who asked for the command (see <see cref="HallEvent.By"/>); null for devices and the server itself.</param>
internal sealed class UnitOfWork(
    Dictionary<string, Ticket> tickets,
    Dictionary<string, CounterState> counters,
    Dictionary<string, FollowUpCase> followUps,
    long lastSequence,
    DateTimeOffset now,
    string? by = null)
{
    private readonly Dictionary<string, Ticket> _tickets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CounterState> _counters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FollowUpCase> _followUps = new(StringComparer.Ordinal);
    private readonly List<HallEvent> _events = [];

    /// <summary>The time of every change and event of the command.</summary>
    public DateTimeOffset Now { get; } = now;

    /// <summary>Who asked for the command, stamped on every event it emits.</summary>
    public string? By { get; } = by;

    /// <summary>Sequence of the last committed event, advanced by each <see cref="Commit"/>.</summary>
    public long LastSequence { get; private set; } = lastSequence;

    /// <summary>True when there is anything to commit.</summary>
    public bool HasChanges => _events.Count > 0 || _tickets.Count > 0 || _counters.Count > 0 || _followUps.Count > 0 || Request is not null;

    /// <summary>The answered request to commit with the changes.</summary>
    public ProcessedRequest? Request { get; private set; }

    /// <summary>Commits <paramref name="request"/> with the changes, so a retry is answered the same after a restart.</summary>
    public void Remember(ProcessedRequest request) => Request = request;

    /// <summary>A ticket as the command sees it: its pending version, else the committed one.</summary>
    public Ticket Ticket(string id) => _tickets.GetValueOrDefault(id) ?? tickets[id];

    /// <summary>A counter as the command sees it: its pending version, else the committed one.</summary>
    public CounterState? Counter(string id) => _counters.GetValueOrDefault(id) ?? counters.GetValueOrDefault(id);

    /// <summary>A follow-up case as the command sees it: its pending version, else the committed one, else null.</summary>
    public FollowUpCase? FollowUp(string ticketId) => _followUps.GetValueOrDefault(ticketId) ?? followUps.GetValueOrDefault(ticketId);

    /// <summary>Sets the new version of a follow-up case.</summary>
    public void Put(FollowUpCase f) => _followUps[f.TicketId] = f;

    /// <summary>Sets the new version of a ticket.</summary>
    public void Put(Ticket t) => _tickets[t.Id] = t;

    /// <summary>Sets the new version of a counter.</summary>
    public void Put(CounterState c) => _counters[c.CounterId] = c;

    /// <summary>Adds an event, numbered right after the last committed or emitted one and stamped <see cref="Now"/> and <see cref="By"/>.</summary>
    public void Emit(HallEvent e) => _events.Add(e with { Sequence = LastSequence + _events.Count + 1, At = Now, By = By });

    /// <summary>
    /// Makes the pending changes durable through <paramref name="journal"/> and returns them for the
    /// engine to install; afterwards nothing is pending and events continue after the committed ones.
    /// </summary>
    public HallChange Commit(IHallJournal journal, string hallId)
    {
        var change = new HallChange(hallId, _events.ToList(), _tickets.Values.ToList(), _counters.Values.ToList()) { Request = Request, FollowUps = _followUps.Values.ToList() };
        journal.Commit(change);
        LastSequence += change.Events.Count;
        Rollback();
        return change;
    }

    /// <summary>Discards everything pending.</summary>
    public void Rollback()
    {
        Request = null;
        _tickets.Clear();
        _counters.Clear();
        _followUps.Clear();
        _events.Clear();
    }
}
