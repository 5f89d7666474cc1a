using HallDevices.Devices.Voice;
using HallDevices.Display.Board;
using HallDevices.Display.Output;
using HallDevices.Display.Voice;
using HallDevices.Hosting;
using HallDevices.Messaging;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SkiaSharp;

namespace HallDevices.Display.Hosting;

/// <summary>Wiring of the display host, kept out of Program.cs.</summary>
internal static class DisplayExtensions
{
    /// <summary>Options, board pipeline, outputs, MQTT and voice.</summary>
    public static WebApplicationBuilder AddDisplay(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<DisplayOptions>().BindConfiguration(DisplayOptions.Section)
            .PostConfigure(o => CounterDevices.BusMapFile.Merge(o.Bus))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DisplayOptions>, DisplayOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);

        // The hall's clock (section "Clock", as in the server) is what the board's header shows;
        // highlights, polling and timeouts keep the real TimeProvider.
        services.AddOptions<ClockOptions>().BindConfiguration(ClockOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<HallClock>();

        // Board: state ← MQTT, pipeline → framebuffer now, PNG worker → snapshots and HTTP later.
        services.AddSingleton<BoardState>();
        services.AddSingleton(sp => BoardFont.Load(Options(sp).Board.FontPath));
        services.AddSingleton(sp =>
        {
            var b = Options(sp).Board;
            return new BoardRenderer(b.Width, b.Height, sp.GetRequiredService<SKTypeface>(), b.NoticeSpeed, b.RecentCalls);
        });
        services.AddSingleton<PngOutput>();
        services.AddHostedService(sp => sp.GetRequiredService<PngOutput>());
        services.AddSingleton(sp => new BoardPipeline(
            sp.GetRequiredService<BoardState>(),
            sp.GetRequiredService<BoardRenderer>(),
            OpenFramebuffer(Options(sp).Board, sp.GetRequiredService<ILogger<BoardPipeline>>()),
            sp.GetRequiredService<PngOutput>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<HallClock>().Time));
        services.AddHostedService<BoardRenderService>();

        // Voice: always registered; VoiceService reports and idles when the engine is 'none' or missing.
        services.AddSingleton<AnnouncementQueue>();
        services.AddSingleton<ISpeechEngine>(sp => new EspeakEngine(Options(sp).Voice.VoiceName, Options(sp).Voice.Speed));
        services.AddSingleton<IAudioSink>(sp => Options(sp).Voice.OutDir is { } dir && !string.IsNullOrWhiteSpace(dir)
            ? new WavFileSink(dir, "announce")
            : new PlayerSink(Options(sp).Voice.Player, "Display:Voice:OutDir"));
        services.AddSingleton<VoiceService>();
        services.AddHostedService(sp => sp.GetRequiredService<VoiceService>());

        // Window devices: one counter-state store (fed by HallSubscriber) drives the RS-485 bus and the SPI/GPIO signs.
        services.AddSingleton<CounterDevices.WindowStates>();
        services.AddSingleton<CounterDevices.BusService>();
        services.AddHostedService(sp => sp.GetRequiredService<CounterDevices.BusService>());
        services.AddSingleton<CounterDevices.SignService>();
        services.AddHostedService(sp => sp.GetRequiredService<CounterDevices.SignService>());

        // MQTT: section "Mqtt" as in the server. The client id doubles as the device id of the
        // retained status, whose last will tells the hall this screen died.
        services.AddHallMqttClient(builder.Configuration);
        services.AddOptions<MqttConnectionOptions>().Configure<IOptions<DisplayOptions>>((o, d) =>
        {
            if (string.IsNullOrEmpty(o.ClientId))
            {
                o.ClientId = string.IsNullOrEmpty(o.Username) ? "display-" + d.Value.HallId : o.Username;
            }

            if (string.IsNullOrEmpty(o.WillTopic))
            {
                o.UseDeviceStatusWill(d.Value.HallId, o.ClientId, "display disconnected");
            }
        });
        services.AddHostedService<HallSubscriber>();

        var urls = builder.Configuration[$"{DisplayOptions.Section}:Urls"];
        builder.WebHost.UseUrls((string.IsNullOrWhiteSpace(urls) ? new DisplayOptions().Urls : urls).Split(';', StringSplitOptions.RemoveEmptyEntries));
        return builder;
    }

    /// <summary>Maps the board page and builds the pipeline now, so a missing font or unusable framebuffer stops start-up with its message.</summary>
    public static WebApplication UseDisplay(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        _ = app.Services.GetRequiredService<IOptions<DisplayOptions>>().Value;
        app.Services.GetRequiredService<BoardPipeline>();
        app.MapBoardPage();
        return app;
    }

    private static DisplayOptions Options(IServiceProvider sp) => sp.GetRequiredService<IOptions<DisplayOptions>>().Value;

    private static FramebufferWriter? OpenFramebuffer(BoardOptions board, ILogger log)
    {
        if (string.IsNullOrWhiteSpace(board.Framebuffer))
        {
            return null;
        }

        var sysfs = string.IsNullOrWhiteSpace(board.FramebufferSysfs)
            ? Path.Combine("/sys/class/graphics", Path.GetFileName(board.Framebuffer))
            : board.FramebufferSysfs;
        var geometry = FramebufferGeometry.Read(sysfs);
        if (geometry.Width != board.Width || geometry.Height != board.Height)
        {
            log.LogWarning(
                "Framebuffer {Device} is {FbWidth}×{FbHeight} but the board renders {Width}×{Height} (Display:Board:Width/Height); the frame is cropped or padded",
                board.Framebuffer, geometry.Width, geometry.Height, board.Width, board.Height);
        }

        log.LogInformation("Framebuffer {Device}: {Width}×{Height}, {Bpp} bpp, stride {Stride}", board.Framebuffer, geometry.Width, geometry.Height, geometry.BitsPerPixel, geometry.Stride);
        return new FramebufferWriter(board.Framebuffer, geometry);
    }
}
