using HallDevices.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace HallDevices.Hosting.Tests;

public class HallClockTests
{
    private static readonly DateTimeOffset Morning = new(2026, 11, 27, 8, 30, 0, TimeSpan.FromHours(8));

    [Fact]
    public void An_accelerated_clock_starts_where_told_and_runs_speed_times_faster()
    {
        var real = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var hall = new AcceleratedTimeProvider(real, Morning, 30);

        real.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(Morning.AddMinutes(1), hall.GetUtcNow());
        Assert.Equal(TimeSpan.FromMinutes(1), hall.GetElapsedTime(hall.GetTimestamp() - (long)(2 * real.TimestampFrequency * 30)));
    }

    [Fact]
    public void Its_timers_fire_after_the_simulated_delay()
    {
        var real = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var hall = new AcceleratedTimeProvider(real, Morning, 30);
        var fired = 0;
        using var timer = hall.CreateTimer(_ => fired++, null, TimeSpan.FromMinutes(1), Timeout.InfiniteTimeSpan);

        real.Advance(TimeSpan.FromSeconds(1.9));
        Assert.Equal(0, fired);
        real.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal(1, fired);
    }

    [Fact]
    public void Speed_one_without_a_start_is_plain_real_time()
    {
        var real = new FakeTimeProvider(DateTimeOffset.UtcNow);

        var clock = new HallClock(Microsoft.Extensions.Options.Options.Create(new ClockOptions()), real);

        Assert.Same(real, clock.Time);
    }

    [Fact]
    public void Without_an_origin_the_clock_starts_at_Start_when_the_app_starts()
    {
        var real = new FakeTimeProvider(DateTimeOffset.UtcNow);

        var clock = new HallClock(Microsoft.Extensions.Options.Options.Create(new ClockOptions { Speed = 30, Start = Morning }), real);

        Assert.Equal(Morning, clock.Time.GetUtcNow());
    }

    [Fact]
    public void Apps_started_at_different_moments_with_the_same_origin_read_the_same_hall_time()
    {
        // The server starts at the origin; the display four real seconds later (two hall minutes at ×30).
        var real = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 6, 0, 0, TimeSpan.Zero));
        var options = Microsoft.Extensions.Options.Options.Create(new ClockOptions { Speed = 30, Start = Morning, Origin = real.GetUtcNow() });
        var server = new HallClock(options, real);
        real.Advance(TimeSpan.FromSeconds(4));
        var display = new HallClock(options, real);

        Assert.Equal(Morning.AddMinutes(2), display.Time.GetUtcNow());
        Assert.Equal(server.Time.GetUtcNow(), display.Time.GetUtcNow());
        real.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(Morning.AddMinutes(2.5), display.Time.GetUtcNow());
        Assert.Equal(server.Time.GetUtcNow(), display.Time.GetUtcNow());
    }
}
