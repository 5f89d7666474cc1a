using HallDevices.Display.Board;

namespace HallDevices.Display.Windows;

/// <summary>
/// The retained state of every counter as the server last published it: the one source for LED
/// strips, keypads and SPI/GPIO signs. Readers either look each round (the bus poller) or await
/// <see cref="WaitForChangeAsync"/> (signs, which draw only on change).
/// </summary>
internal sealed class WindowStates
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, CounterStateDto> _states = new(StringComparer.Ordinal);
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

    public void Apply(CounterStateDto state)
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

    public CounterStateDto? Get(string counterId)
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
    public string Strip(CounterStateDto? state)
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
    public static string Short(CounterStateDto? state) => state?.Status switch
    {
        "serving" => state.Ticket ?? string.Empty,
        "paused" => "暂停服务",
        _ => string.Empty,
    };

    /// <summary>Four 7-segment digits: the number (prefix kept when a segment display can draw it), <c>----</c> when paused.</summary>
    public static string Digits(CounterStateDto? state)
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

    /// <summary>The keypad's text for the counter state (≤ 8 characters).</summary>
    public static string Keypad(CounterStateDto? state) => state?.Status switch
    {
        "serving" => Ascii(state.Ticket ?? string.Empty),
        "paused" => "PAUSED",
        _ => string.Empty,
    };

    /// <summary>The keypad's answer to a refused request, by contract error code.</summary>
    public static string KeypadError(string? code) => code switch
    {
        "counter-closed" => "CLOSED",
        "counter-paused" => "PAUSED",
        "not-serving" => "NO TICKT",
        "ticket-in-progress" => "BUSY",
        "counter-occupied" => "OCCUPIED",
        "staff-elsewhere" => "ELSEWHER",
        "unknown-counter" => "NO WINDW",
        _ => "ERROR",
    };

    /// <summary>What the keypad shows when call-next finds nobody waiting.</summary>
    public const string KeypadNobody = "NONE";

    /// <summary>What the keypad shows when the server did not answer.</summary>
    public const string KeypadNoServer = "NO SERVR";

    public static string Ascii(string text)
    {
        var ascii = new string(text.Where(c => c is >= ' ' and <= '~').ToArray());
        return ascii.Length > Devices.Modbus.BusRegisters.KeypadDisplayChars ? ascii[..Devices.Modbus.BusRegisters.KeypadDisplayChars] : ascii;
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
