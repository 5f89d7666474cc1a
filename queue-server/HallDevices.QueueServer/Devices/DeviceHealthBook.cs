using HallDevices.Contracts;
using HallDevices.Hosting;

namespace HallDevices.QueueServer.Devices;

/// <summary>
/// The latest status of every device of every hall, fed by <see cref="DeviceHealthListener"/> and
/// read by the dashboard. Kept in memory only: the statuses are retained on the broker, so a
/// restarted server reads them all again when it subscribes.
/// </summary>
public sealed partial class DeviceHealthBook(HallClock clock, ILogger<DeviceHealthBook> log)
{
    /// <summary>
    /// Devices kept per hall. A display account may publish any device id of its hall, so a faulty
    /// one could otherwise grow this without end; a real hall has a few dozen devices.
    /// </summary>
    public const int MaxDevicesPerHall = 1000;

    private readonly ILogger _log = log;
    private readonly Lock _gate = new();

    // Guarded by _gate. Records are immutable, so readers get a consistent copy.
    private readonly Dictionary<string, Dictionary<string, DeviceHealth>> _halls = new(StringComparer.Ordinal);

    /// <summary>
    /// Raised with the hall id after a device of that hall appeared, changed (online, health or
    /// detail) or was forgotten; not for a repeat of the same status. Runs on the caller's thread,
    /// outside the book's lock, so a handler may read the book; it should be quick (the MQTT
    /// dispatcher waits for it). An exception in a handler is logged and the others still run.
    /// </summary>
    public event Action<string>? Changed;

    /// <summary>Longest detail kept; the rest is cut off with an ellipsis.</summary>
    public const int MaxDetailLength = 200;

    /// <summary>Records the status a device published.</summary>
    /// <returns>False when the hall already has <see cref="MaxDevicesPerHall"/> other devices and this one was not kept.</returns>
    public bool Record(string hallId, string deviceId, DeviceStatus status)
    {
        ArgumentException.ThrowIfNullOrEmpty(hallId);
        ArgumentException.ThrowIfNullOrEmpty(deviceId);
        ArgumentNullException.ThrowIfNull(status);
        // Words for the staff, not a document: a device cannot swell every page's snapshot.
        if (status.Detail is { Length: > MaxDetailLength } detail)
        {
            status = status with { Detail = detail[..MaxDetailLength] + "…" };
        }

        var now = clock.Time.GetUtcNow();
        bool changed;
        lock (_gate)
        {
            if (!_halls.TryGetValue(hallId, out var devices))
            {
                devices = new Dictionary<string, DeviceHealth>(StringComparer.Ordinal);
                _halls[hallId] = devices;
            }

            var had = devices.GetValueOrDefault(deviceId);
            if (had is null && devices.Count >= MaxDevicesPerHall)
            {
                return false;
            }

            // "Since" is how long the device has been in this state, so a republish of the same
            // health (every reconnection) or new words in the detail do not restart it.
            var sameState = had is not null && had.Online == status.Online && had.Health == status.Health;
            changed = !sameState || had!.Detail != status.Detail;
            devices[deviceId] = new DeviceHealth(
                deviceId,
                DeviceKinds.Of(deviceId),
                status.Online,
                status.Health,
                status.Detail,
                sameState ? had!.Since : now,
                now);
        }

        if (changed)
        {
            Raise(hallId);
        }

        return true;
    }

    /// <summary>Forgets a device (its retained status was cleared: the device was removed from the hall).</summary>
    /// <returns>True when the device was known.</returns>
    public bool Forget(string hallId, string deviceId)
    {
        ArgumentNullException.ThrowIfNull(hallId);
        ArgumentNullException.ThrowIfNull(deviceId);
        bool removed;
        lock (_gate)
        {
            removed = _halls.TryGetValue(hallId, out var devices) && devices.Remove(deviceId);
        }

        if (removed)
        {
            Raise(hallId);
        }

        return removed;
    }

    /// <summary>Every known device of the hall, by device id; empty for a hall with none (or no such hall).</summary>
    public IReadOnlyList<DeviceHealth> For(string hallId)
    {
        ArgumentNullException.ThrowIfNull(hallId);
        lock (_gate)
        {
            return _halls.TryGetValue(hallId, out var devices)
                ? devices.Values.OrderBy(d => d.DeviceId, StringComparer.Ordinal).ToList()
                : [];
        }
    }

    private void Raise(string hallId)
    {
        if (Changed is not { } handlers)
        {
            return;
        }

        // One by one, so a failing subscriber (a browser push gone wrong) cannot starve the others
        // nor make the listener drop the status it just recorded.
        foreach (var handler in handlers.GetInvocationList().Cast<Action<string>>())
        {
            try
            {
                handler(hallId);
            }
            catch (Exception e)
            {
                LogHandlerFailed(e, hallId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A device health change handler failed for hall {HallId}")]
    private partial void LogHandlerFailed(Exception e, string hallId);
}
