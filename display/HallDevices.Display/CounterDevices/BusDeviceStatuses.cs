using HallDevices.Contracts;
using HallDevices.Messaging;

namespace HallDevices.Display.CounterDevices;

/// <summary>
/// The bus devices' health as the display knows it, published on a change as each device's retained
/// <c>hall/{hallId}/devices/{deviceId}/status</c> (through the <see cref="BusOutbox"/>), and all of
/// them again after the broker connection comes back.
/// </summary>
internal sealed partial class BusDeviceStatuses(string hall, HallMqttClient mqtt, BusOutbox outbox, ILogger<BusDeviceStatuses> log)
{
    private readonly ILogger _log = log;

    public void SetOnline(BusDevice d, bool online, string? detail)
    {
        if (d.Online == online && d.Health == (online ? HealthStates.Ok : HealthStates.Error) && (online || d.Detail == detail))
        {
            return;
        }

        d.Online = online;
        d.Health = online ? HealthStates.Ok : HealthStates.Error;
        d.Detail = detail ?? $"{d.Kind} of {d.Counter} at bus address {d.Address}";
        if (online)
        {
            LogOnline(d.DeviceId);
        }
        else
        {
            LogOffline(d.DeviceId, d.Detail);
        }

        PublishStatus(d);
    }

    /// <summary>It answers, but not as it should: online, with <paramref name="health"/> and why.</summary>
    public void SetHealth(BusDevice d, string health, string detail)
    {
        if (d.Health == health && d.Detail == detail)
        {
            return;
        }

        d.Online = true;
        d.Health = health;
        d.Detail = detail;
        LogUnhealthy(d.DeviceId, detail);
        PublishStatus(d);
    }

    /// <summary>Every device with a known status again (the broker may have lost the retained ones).</summary>
    public Task PublishAllStatusesAsync(IEnumerable<BusDevice> devices, CancellationToken ct)
    {
        foreach (var d in devices.Where(d => d.Online is not null))
        {
            PublishStatus(d);
        }

        return Task.CompletedTask;
    }

    /// <summary>The retained device status message of <paramref name="d"/> (contract: <c>{online, health, detail}</c>).</summary>
    internal static DeviceStatus Payload(BusDevice d) => new(d.Online == true, d.Health, d.Detail);

    private void PublishStatus(BusDevice d)
    {
        var status = Payload(d);
        outbox.Enqueue(ct => mqtt.PublishDeviceStatusAsync(hall, d.DeviceId, status, ct));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Bus device {DeviceId} is online")]
    private partial void LogOnline(string deviceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bus device {DeviceId} is offline: {Detail}")]
    private partial void LogOffline(string deviceId, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bus device {DeviceId}: {Detail}")]
    private partial void LogUnhealthy(string deviceId, string detail);
}
