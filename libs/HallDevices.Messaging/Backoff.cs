namespace HallDevices.Messaging;

/// <summary>Exponential reconnect backoff with jitter.</summary>
internal static class Backoff
{
    /// <summary>
    /// Delay before reconnect attempt <paramref name="attempt"/> (0-based): the ceiling doubles from
    /// <paramref name="min"/> up to <paramref name="max"/>, and the delay is drawn from the upper half
    /// of it ("equal jitter") so a hall full of kiosks that lost the broker together does not
    /// reconnect in one burst, while no delay drops below <paramref name="min"/>.
    /// </summary>
    /// <param name="attempt">Number of failed attempts since the last successful connection.</param>
    /// <param name="min">Smallest delay.</param>
    /// <param name="max">Largest delay.</param>
    /// <param name="random01">A random number in [0, 1).</param>
    public static TimeSpan Compute(int attempt, TimeSpan min, TimeSpan max, double random01)
    {
        // Cap the exponent: 2^30 * min already exceeds any sensible max and avoids overflow.
        var exponent = Math.Clamp(attempt, 0, 30);
        var ceilingTicks = Math.Min((double)max.Ticks, min.Ticks * Math.Pow(2, exponent));
        var ticks = (ceilingTicks / 2) + (ceilingTicks / 2 * Math.Clamp(random01, 0, 1));
        return TimeSpan.FromTicks((long)Math.Clamp(ticks, min.Ticks, max.Ticks));
    }
}
