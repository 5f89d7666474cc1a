using System.Collections.Concurrent;
using System.Text.Json;
using HallDevices.Hosting;
using HallDevices.QueueServer.Dashboard;
using HallDevices.QueueServer.Devices;
using HallDevices.QueueServer.Halls;
using HallDevices.QueueServer.Staff;
using HallDevices.QueueServer.Storage;
using Microsoft.Extensions.Options;

namespace HallDevices.QueueServer.Live;

/// <summary>
/// The push side of the console and dashboard: a version per hall, bumped on every committed
/// change (and whatever else a page shows, <see cref="Touch"/>), and the hall's snapshot as JSON,
/// built once per version however many pages wait for it.
/// </summary>
public sealed class HallLiveFeed
{
    private readonly StaffDirectory _staff;
    private readonly HallClock _clock;
    private readonly TimeProvider _real;
    private readonly DeviceHealthBook _devices;
    private readonly DashboardOptions _dashboard;
    // Chinese names as they are, not \u escapes: a third of the bytes on every push.
    private static readonly LiveJsonContext Json = new(new JsonSerializerOptions(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.Ordinal);

    /// <summary>Follows every hall's committed changes and device statuses.</summary>
    public HallLiveFeed(HallChangeFeed changes, DeviceHealthBook devices, IOptions<DashboardOptions> dashboard, StaffDirectory staff, HallClock clock, TimeProvider real)
    {
        _real = real;
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(devices);
        ArgumentNullException.ThrowIfNull(dashboard);
        _devices = devices;
        _dashboard = dashboard.Value;
        _staff = staff;
        _clock = clock;
        changes.Committed += Touch;
        devices.Changed += Touch;
    }

    /// <summary>Something a page of <paramref name="hallId"/> shows has changed. Cheap: it runs under the engine's lock.</summary>
    public void Touch(string hallId)
    {
        var slot = SlotOf(hallId);
        TaskCompletionSource signal;
        lock (slot)
        {
            slot.Version++;
            signal = slot.Signal;
            slot.Signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        signal.TrySetResult();
    }

    /// <summary>The current version of a hall (what a page has seen is compared with it).</summary>
    public long Version(string hallId)
    {
        var slot = SlotOf(hallId);
        lock (slot)
        {
            return slot.Version;
        }
    }

    /// <summary>Waits until the hall's version is past <paramref name="seen"/>, or <paramref name="timeout"/> of real time passes.</summary>
    public async Task WaitAsync(string hallId, long seen, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var slot = SlotOf(hallId);
        Task signal;
        lock (slot)
        {
            if (slot.Version > seen)
            {
                return;
            }

            signal = slot.Signal.Task;
        }

        // Real time, as all I/O waits: an accelerated hall clock must not turn the heartbeat into a flood.
        // WaitAsync drops its timer and token registration once the signal comes; a Task.Delay beside
        // it in WhenAny stayed armed for the whole heartbeat, so every push left one 15 s timer per open
        // page behind (50 consoles at 10 changes/s: ~7,500 live timers, promoted and collected late;
        // docs/perf.md, "Staff consoles").
        try
        {
            await signal.WaitAsync(timeout, _real, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Quiet for a heartbeat: the caller sends the snapshot again.
        }
    }

    /// <summary>
    /// The snapshot of the hall's current version, as UTF-8 JSON; rebuilt when the version moved or
    /// the last one is older than <paramref name="maxAge"/> (waits and alerts age without events).
    /// <paramref name="oversee"/> false leaves out device health and alerts (window staff).
    /// </summary>
    public (long Version, byte[] Json) Current(HallRuntime hall, TimeSpan maxAge, bool oversee = true)
    {
        ArgumentNullException.ThrowIfNull(hall);
        var slot = SlotOf(hall.Hall.Id);
        lock (slot.Build)
        {
            long version;
            lock (slot)
            {
                version = slot.Version;
            }

            var now = _clock.Time.GetUtcNow();
            if (slot.Snapshot is null || slot.SnapshotVersion != version || now - slot.BuiltAt > maxAge)
            {
                var snapshot = LiveSnapshotBuilder.Build(hall, _staff, now);
                var devices = _devices.For(hall.Hall.Id);
                slot.Snapshot = snapshot with
                {
                    Devices = devices.Select(d => d.InZone(hall.Hall.TimeZone)).ToList(),
                    Alerts = HallAlerts.For(hall.Hall, hall.Engine.Counters(), hall.Engine.Queues(), devices, hall.Engine.FollowUps(), now, _dashboard),
                };
                slot.SnapshotVersion = version;
                slot.BuiltAt = now;
                slot.Full = null;
                slot.Counters = null;
            }

            // Device health and alerts are the managers' (as GET .../devices and .../alerts): window
            // staff get the snapshot without them. Each form is serialized once per version.
            return oversee
                ? (slot.SnapshotVersion, slot.Full ??= JsonSerializer.SerializeToUtf8Bytes(slot.Snapshot, Json.LiveSnapshot))
                : (slot.SnapshotVersion, slot.Counters ??= JsonSerializer.SerializeToUtf8Bytes(slot.Snapshot with { Devices = [], Alerts = [] }, Json.LiveSnapshot));
        }
    }

    private Slot SlotOf(string hallId) => _slots.GetOrAdd(hallId, _ => new Slot());

    private sealed class Slot
    {
        public readonly Lock Build = new();
        public long Version;
        public TaskCompletionSource Signal = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public LiveSnapshot? Snapshot;
        public long SnapshotVersion = -1;
        public DateTimeOffset BuiltAt;
        public byte[]? Full;
        public byte[]? Counters;
    }
}
