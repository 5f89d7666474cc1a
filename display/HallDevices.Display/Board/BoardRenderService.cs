using HallDevices.Display.Hosting;
using Microsoft.Extensions.Options;

namespace HallDevices.Display.Board;

/// <summary>
/// The render loop: sleeps until the state changes, the clock's minute turns, a highlight ends or
/// (with a framebuffer) the next animation frame is due. Nothing is polled. The minute is the hall
/// clock's (a timer of that clock, so an accelerated hall turns its minutes faster); the rest is real time.
/// </summary>
internal sealed class BoardRenderService(BoardState state, BoardPipeline pipeline, IOptions<DisplayOptions> options, TimeProvider time, ILogger<BoardRenderService> log) : BackgroundService
{
    private readonly int _fps = options.Value.Board.FramesPerSecond;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            // Drain first: changes that arrive while this frame renders wake the next one.
            while (state.Changed.TryRead(out _))
            {
            }

            try
            {
                pipeline.Frame();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A framebuffer write failing (device gone) must not stop snapshots and HTTP.
                log.LogWarning("Board output failed: {Reason}", e.Message);
            }

            var now = time.GetUtcNow();
            var wake = pipeline.HighlightEnds(now);
            if (pipeline.HasLiveOutput && _fps > 0)
            {
                var frame = now + TimeSpan.FromSeconds(1.0 / _fps);
                wake = wake is null || frame < wake ? frame : wake;
            }

            await WaitAsync(wake is { } w ? w - now : Timeout.InfiniteTimeSpan, pipeline.UntilNextMinute(), stoppingToken);
        }
    }

    private async Task WaitAsync(TimeSpan delay, TimeSpan untilMinute, CancellationToken stoppingToken)
    {
        if (delay < TimeSpan.Zero && delay != Timeout.InfiniteTimeSpan)
        {
            delay = TimeSpan.Zero;
        }

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var tick = Task.Delay(delay, time, cts.Token);
        var minute = Task.Delay(untilMinute, pipeline.HallTime, cts.Token);
        var changed = state.Changed.WaitToReadAsync(cts.Token).AsTask();
        await Task.WhenAny(tick, minute, changed);
        await cts.CancelAsync();
    }
}
