using Microsoft.Extensions.Options;

namespace HallDevices.Hosting;

// Every app of the hall must read the same hall time: the server stamps tickets and events with
// it, the display shows it on the board. One implementation, in the library every host
// references, keeps them from drifting apart.

/// <summary>
/// The hall's time: ticket and event times, waits, the board's clock. Only hall time is
/// accelerated: MQTT keep-alives, request timeouts, HTTP, highlights and polling keep real time, so a
/// fast demo clock cannot make an app's own I/O time out.
/// </summary>
public sealed class HallClock
{
    /// <summary>Creates the clock from options.</summary>
    /// <param name="options">The <c>Clock</c> section.</param>
    /// <param name="real">The real clock.</param>
    public HallClock(IOptions<ClockOptions> options, TimeProvider real)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(real);
        var o = options.Value;
        if (o.Speed == 1 && o.Start is null)
        {
            Time = real;
            return;
        }

        // The clock keeps running from the origin even before this app existed: hall time now is
        // Start plus the real time since the origin, accelerated.
        var now = real.GetUtcNow();
        var origin = o.Origin ?? now;
        var start = (o.Start ?? origin) + TimeSpan.FromTicks((long)((now - origin).Ticks * o.Speed));
        Time = new AcceleratedTimeProvider(real, start, o.Speed);
    }

    /// <summary>The hall's time.</summary>
    public TimeProvider Time { get; }
}
