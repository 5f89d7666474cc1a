using System.Globalization;
using HallDevices.Display.Board;
using HallDevices.Display.Hosting;
using HallDevices.Display.Output;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SkiaSharp;

namespace HallDevices.Display.Tests.Support;

/// <summary>The display app in-process, wired exactly as Program.cs does, on a free port and temp folders.</summary>
public sealed class DisplayHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DisplayHost(WebApplication app, int httpPort, string dir)
    {
        _app = app;
        HttpPort = httpPort;
        Dir = dir;
    }

    public int HttpPort { get; }

    public string Dir { get; }

    public string SnapshotDir => Path.Combine(Dir, "snapshots");

    public string WavDir => Path.Combine(Dir, "voice");

    public Uri BaseUri => new($"http://127.0.0.1:{HttpPort}");

    internal PngOutput Png => _app.Services.GetRequiredService<PngOutput>();

    internal BoardState State => _app.Services.GetRequiredService<BoardState>();

    internal T Service<T>()
        where T : notnull => _app.Services.GetRequiredService<T>();

    public static async Task<DisplayHost> StartAsync(int mqttPort, IDictionary<string, string?>? extra = null)
    {
        var dir = TempDir.Create("display");
        var http = ServerProcess.FreePort();
        var settings = new Dictionary<string, string?>
        {
            ["Display:HallId"] = Sample.Hall,
            ["Display:Urls"] = $"http://127.0.0.1:{http}",
            ["Display:Board:SnapshotDir"] = Path.Combine(dir, "snapshots"),
            ["Display:Board:FramesPerSecond"] = "0",
            ["Display:Voice:Engine"] = "espeak-ng",
            ["Display:Voice:OutDir"] = Path.Combine(dir, "voice"),
            ["Display:Voice:Repeat"] = "1",
            ["Mqtt:Host"] = "127.0.0.1",
            ["Mqtt:Port"] = mqttPort.ToString(CultureInfo.InvariantCulture),
            ["Mqtt:Username"] = Sample.Display.User,
            ["Mqtt:Password"] = Sample.Display.Password,
            ["Mqtt:ClientId"] = "display-test-" + Guid.NewGuid().ToString("N")[..8],
            ["Mqtt:ReconnectMinDelay"] = "00:00:00.100",
            ["Mqtt:ReconnectMaxDelay"] = "00:00:00.500",
            ["Mqtt:KeepAlive"] = "00:00:02",
        };
        foreach (var (k, v) in extra ?? new Dictionary<string, string?>())
        {
            settings[k] = v;
        }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development", ContentRootPath = dir });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.AddDisplay().Build().UseDisplay();
        // Off xUnit's synchronization context: the hosted services' loops (bus polling, MQTT) must run on
        // the thread pool, not queue behind the test's limited-concurrency context.
        await Task.Run(() => app.StartAsync());
        return new DisplayHost(app, http, dir);
    }

    /// <summary>Waits (event-driven, on encoded frames) for the first frame after which <paramref name="condition"/> holds.</summary>
    internal async Task<(PngFrame Frame, SKBitmap Bitmap)> FrameWhereAsync(Func<BoardView, SKBitmap, bool> condition, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        long after = 0;
        try
        {
            while (true)
            {
                var frame = await Png.NextAsync(after, cts.Token);
                after = frame.Sequence;
                var bitmap = SKBitmap.Decode(frame.Png);
                if (condition(State.Snapshot(), bitmap))
                {
                    return (frame, bitmap);
                }

                bitmap.Dispose();
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no matching board frame; state: {State.Snapshot()}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
