namespace HallDevices.DeviceSim.Demo;

/// <summary>
/// The demo's waits: what people at the hall do is watched by looking again every few tens of
/// milliseconds, on one <see cref="TimeProvider"/>, until it shows or a deadline passes.
/// </summary>
public sealed class Polling(TimeProvider time)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <summary>The clock every wait of the demo runs on.</summary>
    public TimeProvider Time { get; } = time;

    /// <summary>Waits until <paramref name="condition"/> holds; after <paramref name="timeout"/> the script fails with <paramref name="failure"/>.</summary>
    public async Task UntilAsync(Func<bool> condition, TimeSpan timeout, Func<string> failure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(failure);
        var started = Time.GetTimestamp();
        while (!condition())
        {
            if (Time.GetElapsedTime(started) >= timeout)
            {
                throw new DemoException("script", failure());
            }

            await DelayAsync(Interval, cancellationToken);
        }
    }

    /// <summary>A pause on the demo's clock.</summary>
    public Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken) => Task.Delay(delay, Time, cancellationToken);

    /// <summary>A pause of <paramref name="milliseconds"/> on the demo's clock.</summary>
    public Task DelayAsync(int milliseconds, CancellationToken cancellationToken) => DelayAsync(TimeSpan.FromMilliseconds(milliseconds), cancellationToken);
}
