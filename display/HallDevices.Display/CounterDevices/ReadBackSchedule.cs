using HallDevices.Devices.Modbus;

namespace HallDevices.Display.CounterDevices;

/// <summary>
/// When one keypad display or evaluator prompt with nothing new to write is read back
/// (<see cref="BusOptions.ReadBackSeconds"/>, docs/devices.md): the poll alone cannot tell that a
/// device restarted between two polls (it answers as before, blank). The devices' first read-backs
/// are spread over the interval; a mismatch is logged once until a read-back matches; a device that
/// refuses read-backs is not asked again until <see cref="Reset"/> (it came back from offline, or the
/// port was reopened).
/// </summary>
internal sealed partial class ReadBackSchedule
{
    private readonly string _deviceId;
    private readonly TimeSpan _interval;
    private readonly TimeSpan _offset;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private DateTimeOffset? _next;

    /// <param name="index">The device's place in the bus map of <paramref name="count"/> devices: its first read-back is that far into the interval.</param>
    public ReadBackSchedule(string deviceId, TimeSpan interval, int index, int count, TimeProvider time, ILogger<ReadBackSchedule> log)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(count, index);
        _deviceId = deviceId;
        _interval = interval;
        // Spread over the interval, so the read-backs do not all fall in one polling round.
        _offset = interval * index / count;
        _time = time;
        _log = log;
    }

    /// <summary>The last read-back differed from what was written (logged once until one matches).</summary>
    public bool Failing { get; private set; }

    /// <summary>The device refused a read-back; not asked again until <see cref="Reset"/>.</summary>
    public bool Refused { get; private set; }

    /// <summary>
    /// Whether the device lost <paramref name="shown"/>: false without asking when no read-back is
    /// due (or the device refuses them), else what <paramref name="differs"/> reads.
    /// </summary>
    public async Task<bool> LostAsync(string shown, Func<Task<bool>> differs)
    {
        ArgumentNullException.ThrowIfNull(differs);
        var now = _time.GetUtcNow();
        _next ??= now + _offset;
        if (Refused || now < _next)
        {
            return false;
        }

        _next = now + _interval;
        try
        {
            if (!await differs())
            {
                Failing = false;
                return false;
            }
        }
        catch (ModbusException e)
        {
            // It answers its polls but not this: stop asking, rather than flip its health every time.
            Refused = true;
            LogReadBackRefused(_deviceId, e.Function, e.Code);
            return false;
        }

        // Said once, not at every read-back of a device that never holds what it is written.
        if (!Failing)
        {
            LogLostState(_deviceId, shown);
        }

        Failing = true;
        return true;
    }

    /// <summary>A new session (the port reopened, or the device fell silent): ask it again, and say again when it differs.</summary>
    public void Reset()
    {
        Failing = false;
        Refused = false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bus device {DeviceId} no longer shows {Shown} (restarted?): writing it again")]
    private partial void LogLostState(string deviceId, string shown);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bus device {DeviceId} refused a read-back (function {Function}, {Code}): a restart between two polls will go unnoticed")]
    private partial void LogReadBackRefused(string deviceId, ModbusFunction function, ModbusExceptionCode code);
}
