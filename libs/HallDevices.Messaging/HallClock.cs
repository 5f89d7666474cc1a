using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace HallDevices.Messaging;

// The hall clock lives beside the MQTT client because every app of the hall references this
// library and must read the same hall time: the server stamps tickets and events with it, the
// display shows it on the board. One implementation keeps them from drifting apart.

/// <summary>
/// Configuration section <c>Clock</c>: the hall's clock, read the same way by every app of the hall
/// (queue-server, display). Real time by default; the simulated-hall demo runs a morning in two
/// minutes with <c>Clock:Speed=30</c>, <c>Clock:Start</c> and a shared <c>Clock:Origin</c>.
/// </summary>
public sealed class ClockOptions
{
    /// <summary>Section name.</summary>
    public const string Section = "Clock";

    /// <summary>Simulated seconds per real second (1 = real time).</summary>
    [Range(1, 3600)]
    public double Speed { get; set; } = 1;

    /// <summary>Hall time at <see cref="Origin"/> (ISO-8601 with offset); none: real time at the origin.</summary>
    public DateTimeOffset? Start { get; set; }

    /// <summary>
    /// The real instant at which the hall clock read <see cref="Start"/> (ISO-8601 with offset);
    /// none: when the app starts. Apps started one after another agree on hall time only when they
    /// are given the same origin — otherwise each one's accelerated clock starts afresh at its own start-up.
    /// </summary>
    public DateTimeOffset? Origin { get; set; }
}

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

/// <summary>A clock that starts at a chosen instant and runs <c>speed</c> times faster than <c>real</c>.</summary>
/// <param name="real">The real clock.</param>
/// <param name="start">Hall time now.</param>
/// <param name="speed">Simulated seconds per real second.</param>
public sealed class AcceleratedTimeProvider(TimeProvider real, DateTimeOffset start, double speed) : TimeProvider
{
    private readonly long _origin = real.GetTimestamp();

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => start.ToUniversalTime() + Scale(real.GetElapsedTime(_origin));

    /// <inheritdoc />
    public override long GetTimestamp() => _origin + (long)((real.GetTimestamp() - _origin) * speed);

    /// <inheritdoc />
    public override long TimestampFrequency => real.TimestampFrequency;

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => real.LocalTimeZone;

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        real.CreateTimer(callback, state, Shrink(dueTime), Shrink(period));

    private TimeSpan Scale(TimeSpan t) => TimeSpan.FromTicks((long)(t.Ticks * speed));

    private TimeSpan Shrink(TimeSpan t) => t == Timeout.InfiniteTimeSpan ? t : TimeSpan.FromTicks((long)(t.Ticks / speed));
}
