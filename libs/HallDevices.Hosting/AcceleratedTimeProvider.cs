namespace HallDevices.Hosting;

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
