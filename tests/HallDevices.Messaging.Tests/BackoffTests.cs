namespace HallDevices.Messaging.Tests;

public sealed class BackoffTests
{
    private static readonly TimeSpan Min = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(30);

    [Fact]
    public void The_ceiling_doubles_per_attempt_up_to_the_maximum()
    {
        Near(Min, Backoff.Compute(0, Min, Max, 0.999999));
        Near(TimeSpan.FromSeconds(1), Backoff.Compute(1, Min, Max, 0.999999));
        Near(TimeSpan.FromSeconds(4), Backoff.Compute(3, Min, Max, 0.999999));
        Near(Max, Backoff.Compute(10, Min, Max, 0.999999));
        Near(Max, Backoff.Compute(int.MaxValue, Min, Max, 0.999999));
    }

    private static void Near(TimeSpan expected, TimeSpan actual) =>
        Assert.InRange(actual, expected - TimeSpan.FromMilliseconds(1), expected + TimeSpan.FromMilliseconds(1));

    [Fact]
    public void Jitter_spreads_delays_over_the_upper_half_and_never_below_the_minimum()
    {
        Assert.Equal(TimeSpan.FromSeconds(2), Backoff.Compute(3, Min, Max, 0));
        Assert.Equal(TimeSpan.FromSeconds(3), Backoff.Compute(3, Min, Max, 0.5));
        Assert.Equal(Min, Backoff.Compute(0, Min, Max, 0));
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var delay = Backoff.Compute(attempt, Min, Max, Random.Shared.NextDouble());
            Assert.InRange(delay, Min, Max);
        }
    }
}
