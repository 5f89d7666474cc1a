using HallDevices.Queueing.Tickets;

namespace HallDevices.Reporting;

/// <summary>
/// Sign-in and pause time per staff member from <see cref="CounterChanged"/> events, clipped to a
/// window (the period, up to "as of"). A logout or resume with no login or pause before it in the
/// events given began before them: it counts from the window's start. One still open at the end
/// counts to the window's end.
/// </summary>
internal sealed class AttendanceTally
{
    private readonly DateTimeOffset _from;
    private readonly DateTimeOffset _to;
    private readonly Dictionary<string, Session> _open = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (double SignedIn, double Paused)> _seconds = new(StringComparer.Ordinal);

    public AttendanceTally(DateTimeOffset from, DateTimeOffset to)
    {
        _from = from;
        _to = to < from ? from : to;
    }

    public void Add(CounterChanged e)
    {
        switch (e.Action)
        {
            case "login":
                Close(e.CounterId, e.At);
                if (e.StaffId is not null)
                {
                    _open[e.CounterId] = new Session(e.StaffId, e.At, null);
                    Touch(e.StaffId);
                }

                break;
            case "logout":
                if (Opened(e) is { } session)
                {
                    _open[e.CounterId] = session;
                    Close(e.CounterId, e.At);
                }

                break;
            case "pause":
                if (Opened(e) is { } running)
                {
                    _open[e.CounterId] = running with { PausedSince = running.PausedSince ?? e.At };
                }

                break;
            case "resume":
                if (Opened(e) is { } paused)
                {
                    Add(paused.StaffId, 0, Clipped(paused.PausedSince ?? _from, e.At));
                    _open[e.CounterId] = paused with { PausedSince = null };
                }

                break;
        }
    }

    /// <summary>Every staff member seen, by staff id, with open sessions counted to the window's end.</summary>
    public IReadOnlyList<StaffAttendance> Finish()
    {
        foreach (var counter in _open.Keys.ToList())
        {
            Close(counter, _to);
        }

        return _seconds
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new StaffAttendance(kv.Key, kv.Value.SignedIn / 60, kv.Value.Paused / 60))
            .ToList();
    }

    /// <summary>The counter's session, or one assumed open since the window's start when the events began after its login.</summary>
    private Session? Opened(CounterChanged e)
    {
        if (_open.TryGetValue(e.CounterId, out var session))
        {
            return session;
        }

        if (e.StaffId is null)
        {
            return null;
        }

        Touch(e.StaffId);
        return new Session(e.StaffId, _from, e.Action == "resume" ? _from : null);
    }

    private void Close(string counterId, DateTimeOffset at)
    {
        if (!_open.Remove(counterId, out var s))
        {
            return;
        }

        Add(s.StaffId, Clipped(s.Since, at), s.PausedSince is { } p ? Clipped(p, at) : 0);
    }

    private double Clipped(DateTimeOffset start, DateTimeOffset end)
    {
        var a = start < _from ? _from : start;
        var b = end > _to ? _to : end;
        return b > a ? (b - a).TotalSeconds : 0;
    }

    private void Touch(string staffId) => _seconds.TryAdd(staffId, (0, 0));

    private void Add(string staffId, double signedIn, double paused)
    {
        var (s, p) = _seconds.GetValueOrDefault(staffId);
        _seconds[staffId] = (s + signedIn, p + paused);
    }

    private sealed record Session(string StaffId, DateTimeOffset Since, DateTimeOffset? PausedSince);
}
