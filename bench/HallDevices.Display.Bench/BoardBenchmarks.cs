using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using HallDevices.Contracts;
using HallDevices.Display.Board;
using HallDevices.Display.Hosting;
using HallDevices.Display.Output;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SkiaSharp;

namespace HallDevices.Display.Bench;

/// <summary>A busy board (8 calls, 4 queues, notice) as the sample hall shows it at mid-morning.</summary>
internal static class SampleBoard
{
    public static BoardMessage Board(int n) => new(
        "xinqiao",
        "新桥镇为民服务中心",
        Enumerable.Range(0, 8).Select(i => new BoardCall($"A{n - i:000}", "w" + ((i % 6) + 1), $"{(i % 6) + 1}号窗口", DateTimeOffset.UnixEpoch.AddSeconds(n * 60 - i), false)).ToList(),
        [
            new BoardQueue("social", "社保医保", "A", 12, 30),
            new BoardQueue("civil", "民政救助", "B", 3, 9),
            new BoardQueue("household", "户籍证照", "C", 0, 0),
            new BoardQueue("rural", "农业农村与综合", "D", 5, 14),
        ],
        DateTimeOffset.UnixEpoch.AddSeconds(n * 60),
        n);

    public static DisplayOptions Options(int width, int height) => new() { Board = { Width = width, Height = height }, Voice = { Engine = "none" } };
}

/// <summary>Frame render time (draw only, no output) and PNG encoding, per screen size.</summary>
[Config(typeof(Percentiles))]
[MemoryDiagnoser]
public class BoardRenderBenchmarks
{
    private BoardRenderer _renderer = null!;
    private SKBitmap _bitmap = null!;
    private SKCanvas _canvas = null!;
    private BoardView _view = null!;
    private SKImage _image = null!;
    private SKTypeface _typeface = null!;

    [Params("1920x1080", "3840x2160")]
    public string Size { get; set; } = "1920x1080";

    [GlobalSetup]
    public void Setup()
    {
        var parts = Size.Split('x');
        int w = int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), h = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
        _typeface = BoardFont.Load(BoardOptions.DefaultFont);
        _renderer = new BoardRenderer(w, h, _typeface);
        _bitmap = new SKBitmap(new SKImageInfo(w, h, SKColorType.Bgra8888, SKAlphaType.Premul));
        _canvas = new SKCanvas(_bitmap);
        var state = new BoardState(Microsoft.Extensions.Options.Options.Create(SampleBoard.Options(w, h)), TimeProvider.System);
        state.SetConnected(true);
        state.ApplyBoard(SampleBoard.Board(100), retained: false);
        _view = state.Snapshot();
        _renderer.Render(_canvas, _view, DateTimeOffset.UtcNow);
        _image = SKImage.FromBitmap(_bitmap);
    }

    [Benchmark]
    public void RenderFrame() => _renderer.Render(_canvas, _view, DateTimeOffset.UtcNow);

    [Benchmark]
    public byte[] EncodePng() => PngOutput.Encode(_image);

    [Benchmark]
    public byte[] EncodePngZlib6()
    {
        using var pixmap = _image.PeekPixels();
        using var data = pixmap.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.AllFilters, 6)) ?? throw new InvalidOperationException("encode failed");
        return data.ToArray();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _image.Dispose();
        _canvas.Dispose();
        _bitmap.Dispose();
        _renderer.Dispose();
        _typeface.Dispose();
    }
}

/// <summary>
/// Call-event-to-frame latency at 1080p: a board message (JSON bytes, as MQTT hands it over) is
/// parsed and applied; the running render loop wakes, draws, and writes the framebuffer (a
/// regular file standing in for /dev/fb0); the PNG worker runs alongside as in the app.
/// </summary>
[Config(typeof(Percentiles))]
public class CallToFrameBenchmarks
{
    private readonly List<byte[]> _messages = [];
    private CallToFrameRig _rig = null!;
    private int _n;

    [GlobalSetup]
    public void Setup()
    {
        // No animation frames: the figures in docs/perf.md were taken this way, keep them comparable.
        _rig = CallToFrameRig.Start(framesPerSecond: 0);
        for (var i = 0; i < 1000; i++)
        {
            _messages.Add(CallToFrameRig.Message(200 + i));
        }
    }

    [Benchmark]
    public Task<TimeSpan> CallToFramebuffer() => _rig.CallAsync(_messages[_n++ % _messages.Count]);

    [GlobalCleanup]
    public void Cleanup() => _rig.Dispose();
}

/// <summary>
/// The display's board pipeline wired as the app wires it (state, render loop, framebuffer, PNG
/// worker) at 1080p, with a regular file standing in for /dev/fb0 and its sysfs geometry.
/// </summary>
internal sealed class CallToFrameRig : IDisposable
{
    private readonly string _dir;
    private readonly BoardState _state;
    private readonly BoardPipeline _pipeline;
    private readonly BoardRenderService _loop;
    private readonly PngOutput _png;
    private readonly SKTypeface _typeface;
    private TaskCompletionSource<long> _frame = new();
    private long _waitFor = long.MaxValue;

    private CallToFrameRig(string dir, BoardState state, BoardPipeline pipeline, BoardRenderService loop, PngOutput png, SKTypeface typeface)
    {
        _dir = dir;
        _state = state;
        _pipeline = pipeline;
        _loop = loop;
        _png = png;
        _typeface = typeface;
        _pipeline.FrameRendered += f =>
        {
            // The frame's timestamp is taken when the framebuffer holds it, before the PNG hand-off.
            if (f.Version >= Volatile.Read(ref _waitFor))
            {
                Volatile.Read(ref _frame).TrySetResult(f.Timestamp);
            }
        };
    }

    /// <summary>Starts the render loop and the PNG worker; <paramref name="framesPerSecond"/> as <c>Display:Board:FramesPerSecond</c> (notice scrolling on the framebuffer).</summary>
    public static CallToFrameRig Start(int framesPerSecond)
    {
        var dir = Directory.CreateTempSubdirectory("display-bench-").FullName;
        var sysfs = Directory.CreateDirectory(Path.Combine(dir, "fb0")).FullName;
        File.WriteAllText(Path.Combine(sysfs, "virtual_size"), "1920,1080\n");
        File.WriteAllText(Path.Combine(sysfs, "bits_per_pixel"), "32\n");
        File.WriteAllText(Path.Combine(sysfs, "stride"), "7680\n");
        var device = Path.Combine(dir, "fb0.raw");
        File.WriteAllBytes(device, new byte[7680 * 1080]);

        var options = Microsoft.Extensions.Options.Options.Create(SampleBoard.Options(1920, 1080));
        options.Value.Board.FramesPerSecond = framesPerSecond;
        var typeface = BoardFont.Load(BoardOptions.DefaultFont);
        var state = new BoardState(options, TimeProvider.System);
        state.SetConnected(true);
        var png = new PngOutput(options, NullLogger<PngOutput>.Instance);
        var pipeline = new BoardPipeline(state, new BoardRenderer(1920, 1080, typeface), new FramebufferWriter(device, FramebufferGeometry.Read(sysfs)), png, TimeProvider.System);
        var loop = new BoardRenderService(state, pipeline, options, TimeProvider.System, NullLogger<BoardRenderService>.Instance);
        var rig = new CallToFrameRig(dir, state, pipeline, loop, png, typeface);
        png.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        loop.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        return rig;
    }

    /// <summary>The board message announcing call number <paramref name="n"/>, serialized as the server publishes it.</summary>
    public static byte[] Message(int n) => JsonSerializer.SerializeToUtf8Bytes(SampleBoard.Board(n), ContractJson.Options);

    /// <summary>
    /// Hands <paramref name="json"/> to the board state as the MQTT handler does and returns the
    /// time from taking the bytes to the framebuffer holding a frame of that version. One call at a time.
    /// </summary>
    public async Task<TimeSpan> CallAsync(byte[] json)
    {
        var frame = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _frame, frame);
        Volatile.Write(ref _waitFor, _state.Version + 1);
        var start = TimeProvider.System.GetTimestamp();
        _state.ApplyBoard(JsonSerializer.Deserialize<BoardMessage>(json, ContractJson.Options)!, retained: false);
        return TimeProvider.System.GetElapsedTime(start, await frame.Task);
    }

    public void Dispose()
    {
        _loop.StopAsync(CancellationToken.None).GetAwaiter().GetResult();
        _png.StopAsync(CancellationToken.None).GetAwaiter().GetResult();
        _loop.Dispose();
        _pipeline.Dispose();
        _typeface.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}

internal sealed class Percentiles : ManualConfig
{
    public Percentiles()
    {
        AddColumn(StatisticColumn.Median, StatisticColumn.P95, StatisticColumn.Max);
    }
}
