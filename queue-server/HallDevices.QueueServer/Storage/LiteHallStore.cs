using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using HallDevices.Queueing.Engine;
using HallDevices.Queueing.Evaluation;
using HallDevices.Queueing.Tickets;
using LiteDB;
using JsonSerializer = System.Text.Json.JsonSerializer;

namespace HallDevices.QueueServer.Storage;

/// <summary>
/// The queryable half of a hall's durable state, in its own LiteDB file
/// (<c>{Storage:Path}/{hallId}.db</c>, opened once, <c>Connection=Direct</c>): an append-only
/// <c>events</c> log keyed by sequence, plus the current version of every ticket, counter and
/// follow-up case of a bad rating (<c>followups</c>) so a restart loads state instead of replaying the log. <see cref="HallStore"/> feeds it from the
/// hall's journal in batches, off the request path.
/// </summary>
public sealed class LiteHallStore : IDisposable
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,

        // Chinese service and hall names stay readable in payloads, logs and mosquitto_sub output.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Log pages after which LiteDB copies its log into the data file.</summary>
    public const int CheckpointPages = 100;

    /// <summary>Events a page of <see cref="EventsFrom"/> reads at once.</summary>
    public const int EventPage = 5_000;

    private readonly LiteDatabase _db;
    private readonly ILiteCollection<BsonDocument> _events;
    private readonly ILiteCollection<BsonDocument> _tickets;
    private readonly ILiteCollection<BsonDocument> _counters;
    private readonly ILiteCollection<BsonDocument> _meta;
    private readonly ILiteCollection<BsonDocument> _requests;
    private readonly ILiteCollection<BsonDocument> _followUps;

    /// <summary>Opens (or creates) the hall's database file.</summary>
    public LiteHallStore(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _db = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct })
        {
            // LiteDB holds its log's pages in a cache that grows by segments of 12, 50, 100, 500
            // and then 1,000 pages (8 MB each) and keeps them; checkpointing at its default 1,000
            // log pages makes it take those 8 MB segments. At 100 it stays within the smaller
            // ones: less resident memory, throughput alike (docs/perf.md, MQTT load).
            CheckpointSize = CheckpointPages,
        };
        _events = _db.GetCollection("events");
        _tickets = _db.GetCollection("tickets");
        _counters = _db.GetCollection("counters");
        _meta = _db.GetCollection("meta");
        _requests = _db.GetCollection("requests");
        _requests.EnsureIndex("day");
        _tickets.EnsureIndex("day");
        _tickets.EnsureIndex("open");
        _followUps = _db.GetCollection("followups");
        _followUps.EnsureIndex("open");
        _followUps.EnsureIndex("closed");
        FilePath = path;
    }

    /// <summary>The database file.</summary>
    public string FilePath { get; }

    /// <summary>
    /// Number of the last journal record this database holds (0 for a new file): the
    /// <see cref="HallStore"/> replays only records after it.
    /// </summary>
    public long JournalApplied => _meta.FindById("journalApplied")?["value"].AsInt64 ?? 0;

    /// <summary>
    /// Writes <paramref name="changes"/> (consecutive journal records, the last one numbered
    /// <paramref name="journalNumber"/>) as one LiteDB transaction, so the database is always at a
    /// record boundary and <see cref="JournalApplied"/> says which one.
    /// </summary>
    public void Apply(IReadOnlyList<HallChange> changes, long journalNumber)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (!_db.BeginTrans())
        {
            throw new InvalidOperationException("a LiteDB transaction is already open on this thread");
        }

        try
        {
            long? lastSequence = null;
            foreach (var change in changes)
            {
                Write(change);
                if (change.Events.Count > 0)
                {
                    lastSequence = change.Events[^1].Sequence;
                }
            }

            if (lastSequence is { } last)
            {
                _meta.Upsert(new BsonDocument { ["_id"] = "lastSequence", ["value"] = last });
            }

            _meta.Upsert(new BsonDocument { ["_id"] = "journalApplied", ["value"] = journalNumber });
            _db.Commit();
        }
        catch
        {
            _db.Rollback();
            throw;
        }
    }

    private void Write(HallChange change)
    {
        foreach (var e in change.Events)
        {
            _events.Insert(ToDocument(e));
        }

        foreach (var t in change.Tickets)
        {
            _tickets.Upsert(ToDocument(t));
        }

        foreach (var c in change.Counters)
        {
            _counters.Upsert(new BsonDocument { ["_id"] = c.CounterId, ["json"] = JsonSerializer.Serialize(c, Json) });
        }

        foreach (var f in change.FollowUps)
        {
            _followUps.Upsert(ToDocument(f));
        }

        if (change.Request is { } r)
        {
            _requests.Upsert(new BsonDocument
            {
                ["_id"] = r.RequestId,
                ["day"] = r.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["kind"] = r.Kind,
                ["json"] = r.OutcomeJson,
            });
        }
    }

    /// <summary>
    /// Loads what a restart needs: tickets of <paramref name="today"/> (and the day before, for
    /// handling-time statistics), every ticket still open whatever its day, all counters, the last
    /// committed sequence, today's answered requests, and the follow-up cases still open or closed
    /// within <see cref="HallEngine.ClosedFollowUpDays"/> days.
    /// </summary>
    public HallSnapshot Load(DateOnly today)
    {
        var since = today.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var tickets = _tickets.Find(Query.Or(Query.GTE("day", since), Query.EQ("open", true)))
            .Select(d => JsonSerializer.Deserialize<Ticket>(d["json"].AsString, Json)!)
            .ToList();
        var counters = _counters.FindAll()
            .Select(d => JsonSerializer.Deserialize<CounterState>(d["json"].AsString, Json)!)
            .ToList();
        var last = _meta.FindById("lastSequence")?["value"].AsInt64 ?? 0;
        var requests = _requests.Find(Query.EQ("day", today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))
            .Select(d => new ProcessedRequest(d["_id"].AsString, d["kind"].AsString, d["json"].AsString, today))
            .ToList();
        var closedSince = today.AddDays(-HallEngine.ClosedFollowUpDays).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var followUps = _followUps.Find(Query.Or(Query.EQ("open", true), Query.GTE("closed", closedSince)))
            .Select(d => JsonSerializer.Deserialize<FollowUpCase>(d["json"].AsString, Json)!)
            .ToList();
        return new HallSnapshot(tickets, counters, last) { Requests = requests, FollowUps = followUps };
    }

    /// <summary>Events after <paramref name="afterSequence"/>, oldest first, at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<HallEvent> EventsAfter(long afterSequence, int limit) =>
        _events.Find(Query.GT("_id", afterSequence), limit: limit)
            .Select(d => JsonSerializer.Deserialize<HallEvent>(d["json"].AsString, Json)!)
            .ToList();

    /// <summary>
    /// The hall's events with <see cref="HallEvent.At"/> at or after <paramref name="from"/> to the
    /// end of the log, oldest first, read <paramref name="pageSize"/> at a time (a month of a busy
    /// hall is over a million events: never all in memory at once).
    /// </summary>
    public IEnumerable<HallEvent> EventsFrom(DateTimeOffset from, int pageSize = EventPage)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        for (var next = FirstSequenceFrom(from); next is { } sequence;)
        {
            var page = EventJsonPage(sequence, pageSize);
            foreach (var e in Deserialize(page.Json, from))
            {
                yield return e;
            }

            next = page.Json.Count < pageSize ? null : page.Last + 1;
        }
    }

    /// <summary>
    /// The first sequence whose event is at or after <paramref name="from"/> (at most a millisecond
    /// early: the <c>at</c> field keeps milliseconds, so callers drop events before
    /// <paramref name="from"/> themselves), or null when there is none.
    /// </summary>
    /// <remarks>
    /// A binary search on <c>_id</c> that reads each probe's <c>at</c>: sequences are given in time
    /// order, so <c>at</c> grows with <c>_id</c>. About 20 look-ups for a million events, and no
    /// index on <c>at</c>, which every write would have to keep up.
    /// </remarks>
    internal long? FirstSequenceFrom(DateTimeOffset from)
    {
        var utc = from.UtcDateTime;
        var target = new DateTime(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
        if (_events.Find(Query.All(Query.Descending), limit: 1).FirstOrDefault() is not { } last || AtOf(last) < target)
        {
            return null;
        }

        // f(x) = "the first event with sequence ≥ x is at or after the target" grows from false to
        // true; find the least x in [lo, hi] where it holds (the last event is known to satisfy it).
        var lo = _events.Find(Query.All(), limit: 1).First()["_id"].AsInt64;
        var hi = last["_id"].AsInt64;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) / 2);
            var probe = _events.Find(Query.GTE("_id", mid), limit: 1).First();
            if (AtOf(probe) >= target)
            {
                hi = mid;
            }
            else
            {
                lo = probe["_id"].AsInt64 + 1;
            }
        }

        return _events.Find(Query.GTE("_id", lo), limit: 1).First()["_id"].AsInt64;
    }

    /// <summary>
    /// The stored JSON of up to <paramref name="limit"/> events from sequence
    /// <paramref name="first"/> on, and the last sequence read: the part of a page that needs the
    /// database (parsing it does not, so it can happen outside the writer's lock).
    /// </summary>
    internal (IReadOnlyList<string> Json, long Last) EventJsonPage(long first, int limit)
    {
        var json = new List<string>(Math.Min(limit, EventPage));
        var last = first - 1;
        foreach (var d in _events.Find(Query.GTE("_id", first), limit: limit))
        {
            json.Add(d["json"].AsString);
            last = d["_id"].AsInt64;
        }

        return (json, last);
    }

    /// <summary>The events of a page, without those before <paramref name="from"/> (the millisecond the search may start early).</summary>
    internal static IEnumerable<HallEvent> Deserialize(IReadOnlyList<string> page, DateTimeOffset from) =>
        page.Select(j => JsonSerializer.Deserialize<HallEvent>(j, Json)!).Where(e => e.At >= from);

    /// <summary>The latest events of the given types, newest first (the board's recent calls after a restart).</summary>
    public IReadOnlyList<HallEvent> Latest(IReadOnlySet<string> types, int count) =>
        _events.Find(Query.All(Query.Descending))
            .Where(d => types.Contains(d["type"].AsString))
            .Take(count)
            .Select(d => JsonSerializer.Deserialize<HallEvent>(d["json"].AsString, Json)!)
            .ToList();

    /// <summary>Copies LiteDB's log into the data file and flushes it to disk.</summary>
    public void Checkpoint() => _db.Checkpoint();

    /// <inheritdoc />
    public void Dispose() => _db.Dispose();

    private static BsonDocument ToDocument(HallEvent e) => new()
    {
        ["_id"] = e.Sequence,
        ["type"] = e.Type,
        ["at"] = e.At.UtcDateTime,
        ["json"] = JsonSerializer.Serialize(e, Json),
    };

    // LiteDB hands dates back in local time; the stored value is UTC.
    private static DateTime AtOf(BsonDocument d) => d["at"].AsDateTime.ToUniversalTime();

    // "closed": the hall-local date the case closed, so a restart loads the recent ones by index.
    private static BsonDocument ToDocument(FollowUpCase f) => new()
    {
        ["_id"] = f.TicketId,
        ["open"] = !f.IsClosed,
        ["closed"] = f.ClosedAt is { } at ? at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : BsonValue.Null,
        ["json"] = JsonSerializer.Serialize(f, Json),
    };

    private static BsonDocument ToDocument(Ticket t) => new()
    {
        ["_id"] = t.Id,
        ["day"] = t.ServiceDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["open"] = t.IsWaiting || t.Status == TicketStatus.Called,
        ["json"] = JsonSerializer.Serialize(t, Json),
    };
}
