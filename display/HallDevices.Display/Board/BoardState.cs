using System.Threading.Channels;
using HallDevices.Contracts;
using HallDevices.Display.Hosting;
using HallDevices.Hosting;
using Microsoft.Extensions.Options;

namespace HallDevices.Display.Board;

/// <summary>
/// What the server last said about the hall, plus whether it is still saying it. Written by the
/// MQTT handlers, read by the renderer through immutable <see cref="BoardView"/> snapshots; every
/// change raises <see cref="Changed"/> so rendering is driven by messages, never by polling.
/// </summary>
internal sealed class BoardState
{
    private static readonly TimeZoneInfo DefaultZone = FindZone("Asia/Shanghai") ?? TimeZoneInfo.Local;

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly TimeProvider _hallTime;
    private readonly TimeSpan _highlight;
    private readonly string _notice;
    private readonly int _recentCalls;

    // Capacity 1 and DropWrite: many changes while the renderer is busy collapse into one wake-up.
    private readonly Channel<bool> _changed = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    private readonly Dictionary<string, CounterStateMessage> _counters = new(StringComparer.Ordinal);
    private BoardMessage? _board;
    private CatalogMessage? _catalog;
    private TimeZoneInfo _zone = DefaultZone;
    private bool _connected;
    private bool _boardSinceDisconnect;
    private LinkState _link = LinkState.Waiting;
    private DateTimeOffset? _lastGoodAt;
    private DateTimeOffset _highlightUntil = DateTimeOffset.MinValue;
    private long _version;
    private BoardView? _view;

    /// <param name="options">Board options.</param>
    /// <param name="time">Real time, for highlights.</param>
    /// <param name="clock">The hall's clock, for the "last updated" time the offline header shows beside the board's clock; real time when not given.</param>
    public BoardState(IOptions<DisplayOptions> options, TimeProvider time, HallClock? clock = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = time;
        _hallTime = clock?.Time ?? time;
        _highlight = TimeSpan.FromSeconds(options.Value.Board.HighlightSeconds);
        _notice = options.Value.Board.Notice;
        _recentCalls = options.Value.Board.RecentCalls;
    }

    /// <summary>Has an item whenever something visible changed since the renderer last looked.</summary>
    public ChannelReader<bool> Changed => _changed.Reader;

    /// <summary>Incremented on every change; a frame carries the version it shows.</summary>
    public long Version
    {
        get
        {
            lock (_gate)
            {
                return _version;
            }
        }
    }

    /// <summary>Takes the retained board. A live (not retained) board whose newest call changed highlights it: a new call, or a recall, which the server moves to the top with a new time.</summary>
    public void ApplyBoard(BoardMessage board, bool retained)
    {
        ArgumentNullException.ThrowIfNull(board);
        var now = _time.GetUtcNow();
        var hallNow = _hallTime.GetUtcNow();
        lock (_gate)
        {
            var before = _board?.Calls is { Count: > 0 } b ? b[0] : null;
            var after = board.Calls is { Count: > 0 } a ? a[0] : null;
            // Times are compared to the millisecond: a restarted server republishes the same call
            // from its store with the time truncated, which is not a new call.
            if (!retained && after is not null
                && (before is null || before.Ticket != after.Ticket || before.CounterId != after.CounterId || Math.Abs((after.At - before.At).TotalMilliseconds) >= 1))
            {
                _highlightUntil = now + _highlight;
            }

            _board = board;
            _boardSinceDisconnect = true;
            if (_connected)
            {
                _link = LinkState.Live;
                _lastGoodAt = hallNow;
            }

            ChangedLocked();
        }
    }

    public void ApplyCatalog(CatalogMessage catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        lock (_gate)
        {
            _catalog = catalog;
            _zone = FindZone(catalog.TimeZone) ?? _zone;
            ChangedLocked();
        }
    }

    public void ApplyCounterState(CounterStateMessage state)
    {
        ArgumentNullException.ThrowIfNull(state);
        lock (_gate)
        {
            _counters[state.CounterId] = state;
        }
    }

    /// <summary>
    /// Connection to the broker came or went. After a loss the board stays marked offline until a
    /// board message of the new connection arrived: until then it may be stale. (The retained board
    /// can arrive just before the client reports the connection, since resubscription comes first.)
    /// </summary>
    public void SetConnected(bool connected)
    {
        var now = _hallTime.GetUtcNow();
        lock (_gate)
        {
            if (_connected == connected && _link != LinkState.Waiting)
            {
                return;
            }

            _connected = connected;
            if (connected)
            {
                if (_boardSinceDisconnect && _link != LinkState.Live)
                {
                    _link = LinkState.Live;
                    _lastGoodAt = now;
                    ChangedLocked();
                }

                return;
            }

            if (_link == LinkState.Live)
            {
                _lastGoodAt = now;
            }

            _boardSinceDisconnect = false;
            _link = LinkState.Offline;
            ChangedLocked();
        }
    }

    /// <summary>Display name of a counter: from the catalogue, else the board, else its id.</summary>
    public string CounterName(string counterId)
    {
        lock (_gate)
        {
            return _catalog?.Counters?.FirstOrDefault(c => c.Id == counterId)?.Name
                ?? _counters.GetValueOrDefault(counterId)?.CounterName
                ?? _board?.Calls?.FirstOrDefault(c => c.CounterId == counterId)?.CounterName
                ?? counterId;
        }
    }

    /// <summary>Latest retained state of a counter, if any.</summary>
    public CounterStateMessage? Counter(string counterId)
    {
        lock (_gate)
        {
            return _counters.GetValueOrDefault(counterId);
        }
    }

    /// <summary>The picture to draw; the same instance until something changes.</summary>
    public BoardView Snapshot()
    {
        lock (_gate)
        {
            return _view ??= new BoardView(
                _board?.HallName ?? _catalog?.Name ?? string.Empty,
                (_board?.Calls ?? []).Take(_recentCalls + 1).Select(c => new CallView(c.Ticket, c.CounterName ?? c.CounterId, c.At, c.Recall)).ToList(),
                (_board?.Waiting ?? []).Select(q => new QueueView(q.Prefix ?? string.Empty, q.QueueName ?? q.QueueId, q.Waiting, q.EstimatedWaitMinutes)).ToList(),
                _highlightUntil,
                _link,
                _lastGoodAt,
                _notice,
                _zone,
                _version);
        }
    }

    private void ChangedLocked()
    {
        _version++;
        _view = null;
        _changed.Writer.TryWrite(true);
    }

    private static TimeZoneInfo? FindZone(string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return null;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
    }
}
