using HallDevices.Kiosk.Flows;

namespace HallDevices.Kiosk;

/// <summary>Drives the idle timeout: once a second the session checks whether the citizen left.</summary>
public sealed class SessionTicker(KioskSession session, TimeProvider time) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            session.Tick();
        }
    }
}
