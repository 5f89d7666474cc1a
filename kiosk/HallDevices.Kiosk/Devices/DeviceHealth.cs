using HallDevices.Contracts;
using HallDevices.Devices.Printer;
using HallDevices.Kiosk.Flows;
using HallDevices.Messaging;
using Microsoft.Extensions.Options;

namespace HallDevices.Kiosk.Devices;

/// <summary>
/// The kiosk's device status as the hall sees it: one retained <c>hall/{hallId}/devices/{deviceId}/status</c>
/// message (<c>online</c>, <c>health</c> from the printer, <c>detail</c> naming any device that is
/// missing), republished on every change and every reconnection; the last will says
/// <c>online:false</c> if the kiosk dies.
/// </summary>
public sealed class DeviceHealth(HallMqttClient mqtt, IOptions<KioskOptions> options, ILogger<DeviceHealth> log)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _problems = new(StringComparer.Ordinal);
    private PrinterHealth _printer = PrinterHealth.Ok;

    /// <summary>The printer's last known health.</summary>
    public PrinterHealth Printer
    {
        get
        {
            lock (_gate)
            {
                return _printer;
            }
        }
    }

    /// <summary>Records the printer's health; publishes when it changed.</summary>
    public void ReportPrinter(PrinterHealth health)
    {
        lock (_gate)
        {
            if (_printer == health)
            {
                return;
            }

            _printer = health;
        }

        _ = PublishAsync(CancellationToken.None);
    }

    /// <summary>Records a device's problem (null: fine); publishes when it changed.</summary>
    public void Report(string device, string? problem)
    {
        lock (_gate)
        {
            var had = _problems.GetValueOrDefault(device);
            if (had == problem)
            {
                return;
            }

            if (problem is null)
            {
                _problems.Remove(device);
            }
            else
            {
                _problems[device] = problem;
            }
        }

        _ = PublishAsync(CancellationToken.None);
    }

    /// <summary>Publishes the whole status (retained).</summary>
    public async Task PublishAsync(CancellationToken cancellationToken)
    {
        DeviceStatus status;
        lock (_gate)
        {
            var detail = string.Join("; ", _problems.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"));
            status = new DeviceStatus(true, TicketFlow.HealthOf(_printer), detail.Length == 0 ? null : detail);
        }

        if (!mqtt.IsConnected)
        {
            return; // republished on connection
        }

        try
        {
            var o = options.Value;
            await mqtt.PublishDeviceStatusAsync(o.HallId, o.DeviceId, status, cancellationToken);
        }
        catch (Exception e) when (e is TimeoutException or MqttOperationRejectedException)
        {
            log.LogWarning("Device status not published: {Reason}", e.Message);
        }
    }
}

/// <summary>Checks the printer every few seconds so paper and cover problems reach the hall before a citizen meets them.</summary>
public sealed class PrinterMonitor(ITicketPrinter printer, DeviceHealth health, HallMqttClient mqtt, TimeProvider time, ILogger<PrinterMonitor> log) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var onConnect = mqtt.OnConnected(health.PublishAsync);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5), time);
        do
        {
            try
            {
                health.ReportPrinter(await printer.CheckAsync(stoppingToken));
            }
            catch (Exception e) when (e is IOException or TimeoutException or UnauthorizedAccessException or InvalidOperationException)
            {
                log.LogWarning("Printer status query failed: {Reason}", e.Message);
                health.ReportPrinter(PrinterHealth.Error);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
