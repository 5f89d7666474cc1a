using HallDevices.Display.Output;
using HallDevices.Display.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using SkiaSharp;

namespace HallDevices.Display.Tests.Output;

public sealed class PngOutputTests : IDisposable
{
    private readonly string _dir = TempDir.Create("png");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_state_change_writes_a_numbered_snapshot_and_board_latest_and_a_clock_frame_only_board_latest()
    {
        using var png = Output();
        await png.StartAsync(CancellationToken.None);
        using var red = Solid(SKColors.Red);
        using var blue = Solid(SKColors.Blue);

        png.Offer(red, version: 1, stateChanged: true);
        var first = await png.NextAsync(0, Timeout());
        png.Offer(blue, version: 1, stateChanged: false);
        var second = await png.NextAsync(first.Sequence, Timeout());
        await png.StopAsync(CancellationToken.None);

        Assert.Equal(Path.Combine(_dir, "board-0001.png"), first.SnapshotPath);
        Assert.Null(second.SnapshotPath);
        Assert.Equal(["board-0001.png", "board-latest.png"], Directory.GetFiles(_dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        using var latest = SKBitmap.Decode(Path.Combine(_dir, "board-latest.png"));
        Assert.Equal(SKColors.Blue, latest.GetPixel(5, 5));
        using var numbered = SKBitmap.Decode(Path.Combine(_dir, "board-0001.png"));
        Assert.Equal(SKColors.Red, numbered.GetPixel(5, 5));
    }

    [Fact]
    public async Task Numbering_continues_after_a_restart_instead_of_overwriting()
    {
        File.WriteAllBytes(Path.Combine(_dir, "board-0041.png"), []);
        using var png = Output();
        await png.StartAsync(CancellationToken.None);
        using var red = Solid(SKColors.Red);

        png.Offer(red, 1, stateChanged: true);
        var frame = await png.NextAsync(0, Timeout());
        await png.StopAsync(CancellationToken.None);

        Assert.Equal(Path.Combine(_dir, "board-0042.png"), frame.SnapshotPath);
    }

    [Fact]
    public async Task A_burst_of_frames_never_blocks_the_renderer_and_the_last_one_always_gets_out()
    {
        using var png = Output();
        await png.StartAsync(CancellationToken.None);
        using var frame = Solid(SKColors.Black);

        // Offer returns without encoding: 50 frames are handed over far faster than they encode.
        for (var v = 1; v <= 50; v++)
        {
            frame.Erase(new SKColor((byte)v, 0, 0));
            png.Offer(frame, v, stateChanged: true);
        }

        // Wait from the last frame seen, not from png.Latest: the final frame may already be the
        // latest, and waiting for one after it would wait forever.
        PngFrame? last = null;
        do
        {
            last = await png.NextAsync(last?.Sequence ?? 0, Timeout());
        }
        while (last.Version != 50);

        await png.StopAsync(CancellationToken.None);
        Assert.True(last.Sequence + png.Dropped == 50, $"{last.Sequence} encoded + {png.Dropped} dropped");
        using var latest = SKBitmap.Decode(Path.Combine(_dir, "board-latest.png"));
        Assert.Equal(new SKColor(50, 0, 0), latest.GetPixel(1, 1));
    }

    private PngOutput Output() => new(
        Microsoft.Extensions.Options.Options.Create(Boards.Options(o => o.Board.SnapshotDir = _dir)),
        NullLogger<PngOutput>.Instance);

    private static SKBitmap Solid(SKColor color)
    {
        var bitmap = new SKBitmap(new SKImageInfo(320, 240, SKColorType.Bgra8888, SKAlphaType.Premul));
        bitmap.Erase(color);
        return bitmap;
    }

    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token;
}
