using HallDevices.QueueServer.Halls;
using Microsoft.Extensions.Time.Testing;

namespace HallDevices.QueueServer.Tests.Storage;

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
}
