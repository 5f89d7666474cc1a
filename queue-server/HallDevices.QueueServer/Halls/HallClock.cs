using System.ComponentModel.DataAnnotations;

namespace HallDevices.QueueServer.Halls;

/// <summary>
/// Configuration section <c>Clock</c>: the halls' clock. Real time by default; the simulated-hall
/// demo runs a morning in two minutes with <c>Clock:Speed=30</c> and <c>Clock:Start</c>.
/// </summary>
public sealed class ClockOptions
{
    /// <summary>Section name.</summary>
    public const string Section = "Clock";

    /// <summary>Simulated seconds per real second (1 = real time).</summary>
    [Range(1, 3600)]
    public double Speed { get; set; } = 1;

    /// <summary>Simulated time at start-up (ISO-8601 with offset); none: now.</summary>
    public DateTimeOffset? Start { get; set; }
}

/// <summary>
/// The clock of the queue engines, ticket times and waits. Only hall time is accelerated: MQTT
/// keep-alives, request timeouts and HTTP keep real time, so a fast demo clock cannot make the
/// server's own I/O time out.
/// </summary>
public sealed class HallClock
{
    /// <summary>Creates the clock from options.</summary>
    public HallClock(Microsoft.Extensions.Options.IOptions<ClockOptions> options, TimeProvider real)
    {
        ArgumentNullException.ThrowIfNull(options);
        var o = options.Value;
        Time = o.Speed == 1 && o.Start is null ? real : new AcceleratedTimeProvider(real, o.Start ?? real.GetUtcNow(), o.Speed);
    }

    /// <summary>The hall's time.</summary>
    public TimeProvider Time { get; }
}

/// <summary>A clock that starts at a chosen instant and runs <c>speed</c> times faster than <paramref name="real"/>.</summary>
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
