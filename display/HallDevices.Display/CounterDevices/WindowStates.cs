using HallDevices.Contracts;

namespace HallDevices.Display.CounterDevices;

/// <summary>
/// The retained state of every counter as the server last published it: the one source for LED
/// strips, keypads and SPI/GPIO signs. Readers either look each round (the bus poller) or await
/// <see cref="WaitForChangeAsync"/> (signs, which draw only on change).
/// </summary>
internal sealed class WindowStates
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, CounterStateMessage> _states = new(StringComparer.Ordinal);
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _version;

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

    public void Apply(CounterStateMessage state)
    {
        ArgumentNullException.ThrowIfNull(state);
        TaskCompletionSource changed;
        lock (_gate)
        {
            _states[state.CounterId] = state;
            _version++;
            changed = _changed;
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    public CounterStateMessage? Get(string counterId)
    {
        lock (_gate)
        {
            return _states.GetValueOrDefault(counterId);
        }
    }

    /// <summary>Completes when the version is past <paramref name="seen"/>.</summary>
    public Task WaitForChangeAsync(long seen, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _version > seen ? Task.CompletedTask : _changed.Task.WaitAsync(cancellationToken);
        }
    }
}

/// <summary>What each kind of window device shows for a counter state.</summary>
internal sealed class WindowText(WindowTextOptions options)
{
    /// <summary>Strip text (≤ 32 UTF-16 units, the strip's register limit).</summary>
    public string Strip(CounterStateMessage? state)
    {
        var window = state?.CounterName ?? state?.CounterId ?? string.Empty;
        var template = state?.Status switch
        {
            "serving" when !string.IsNullOrEmpty(state.Ticket) => options.Serving,
            "serving" or "idle" => options.Idle,
            "paused" => options.Paused,
            _ => options.Closed,
        };
        var text = template.Replace("{window}", window, StringComparison.Ordinal).Replace("{ticket}", state?.Ticket ?? string.Empty, StringComparison.Ordinal).Trim();
        return text.Length > Devices.Modbus.BusRegisters.StripMaxChars ? text[..Devices.Modbus.BusRegisters.StripMaxChars] : text;
    }

    /// <summary>A short sign: the ticket number, 暂停服务 when paused, blank otherwise.</summary>
    public static string Short(CounterStateMessage? state) => state?.Status switch
    {
        "serving" => state.Ticket ?? string.Empty,
        "paused" => "暂停服务",
        _ => string.Empty,
    };

    /// <summary>Four 7-segment digits: the number (prefix kept when a segment display can draw it), <c>----</c> when paused.</summary>
    public static string Digits(CounterStateMessage? state)
    {
        if (state?.Status == "paused")
        {
            return "----";
        }

        if (state?.Status != "serving" || string.IsNullOrEmpty(state.Ticket))
        {
            return string.Empty;
        }

        var ticket = state.Ticket.ToUpperInvariant();
        var shown = new string(ticket.Where(Devices.Signs.SevenSegment.CanShow).ToArray());
        return shown.Length <= Devices.Signs.NumberDisplay.Digits ? shown : shown[^Devices.Signs.NumberDisplay.Digits..];
    }

    /// <summary>The keypad's display for the counter state (≤ 8 characters; the register map carries Chinese).</summary>
    public static string Keypad(CounterStateMessage? state) => state?.Status switch
    {
        "serving" => Fit(state.Ticket ?? string.Empty),
        "paused" => "暂停服务",
        _ => string.Empty,
    };

    /// <summary>The keypad's answer to an accepted request: the number called, or what was done.</summary>
    public static string KeypadDone(string action, string? ticket) => action switch
    {
        "call-next" or "recall" => ticket is null ? KeypadNobody : Fit(ticket),
        "skip" => "已过号",
        "finish" => "已办结",
        "pause" => "已暂停",
        _ => "已恢复",
    };

    /// <summary>The keypad's answer to a refused request, by contract error code, in words staff read at a glance.</summary>
    public static string KeypadError(string? code) => code switch
    {
        ErrorCodes.CounterClosed => "窗口未登录",
        ErrorCodes.CounterPaused => "暂停服务",
        ErrorCodes.NotServing => "无在办号",
        ErrorCodes.TicketInProgress => "请先办结",
        ErrorCodes.CounterOccupied => "窗口已占用",
        ErrorCodes.StaffElsewhere => "已在别窗登录",
        ErrorCodes.UnknownCounter => "未知窗口",
        _ => "操作失败",
    };

    /// <summary>What the keypad shows when call-next finds nobody waiting.</summary>
    public const string KeypadNobody = "无人等候";

    /// <summary>What the keypad shows when the server did not answer.</summary>
    public const string KeypadNoServer = "服务器无响应";

    /// <summary>Text cut to the keypad's 8 characters, control characters dropped (the register map refuses them).</summary>
    public static string Fit(string text)
    {
        var shown = new string(text.Where(c => !char.IsControl(c)).ToArray());
        return shown.Length > Devices.Modbus.BusRegisters.KeypadDisplayChars ? shown[..Devices.Modbus.BusRegisters.KeypadDisplayChars] : shown;
    }
}

/// <summary>
/// Pending ratings per window: a finish opens one for the finished ticket; a score within the
/// timeout closes it and names the ticket to rate; after the timeout it lapses. Pure: times are
/// passed in by the caller's <see cref="TimeProvider"/>.
/// </summary>
internal sealed class EvaluationTracker(TimeSpan timeout)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (string Ticket, DateTimeOffset Until)> _pending = new(StringComparer.Ordinal);

    public void Finished(string counterId, string ticket, DateTimeOffset now)
    {
        lock (_gate)
        {
            _pending[counterId] = (ticket, now + timeout);
        }
    }

    /// <summary>The ticket awaiting a rating at the window, or null (a lapsed one is dropped and reported once through <paramref name="lapsed"/>).</summary>
    public string? Pending(string counterId, DateTimeOffset now, out string? lapsed)
    {
        lapsed = null;
        lock (_gate)
        {
            if (!_pending.TryGetValue(counterId, out var p))
            {
                return null;
            }

            if (now >= p.Until)
            {
                _pending.Remove(counterId);
                lapsed = p.Ticket;
                return null;
            }

            return p.Ticket;
        }
    }

    /// <summary>A score was pressed: returns the ticket it rates, or null when nothing is pending (a press nobody asked for).</summary>
    public string? Rated(string counterId, DateTimeOffset now)
    {
        var ticket = Pending(counterId, now, out _);
        if (ticket is not null)
        {
            lock (_gate)
            {
                _pending.Remove(counterId);
            }
        }

        return ticket;
    }
}
