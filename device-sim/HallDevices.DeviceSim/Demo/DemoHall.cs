using System.Globalization;
using System.Net;
using System.Net.Sockets;
using HallDevices.DeviceSim.Emulators;
using HallDevices.Messaging;

namespace HallDevices.DeviceSim.Demo;

/// <summary>
/// A whole simulated hall: queue-server with its embedded broker and a temporary LiteDB, kiosks
/// with an emulated reader, scanner and printer each on real ptys, the window bus (keypads,
/// evaluators, LED strips drawn to <c>led-*.png</c>), and the display writing board snapshots and
/// announcement WAVs — all started from the current build, and all stopped again
/// (processes, emulators, ptys, the temporary database) when disposed.
/// </summary>
public sealed class DemoHall : IAsyncDisposable
{
    // One receipt renderer for every emulated printer: the CJK font is loaded once.
    private static readonly Lazy<ReceiptRenderer> Receipts = new(() => new ReceiptRenderer("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"));

    private readonly List<IAsyncDisposable> _apps = [];
    private readonly List<IDisposable> _endpoints = [];
    private readonly List<IDisposable> _disposables = [];
    private readonly List<Task> _emulators = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly List<DemoKiosk> _kiosks = [];
    private readonly TimeProvider _time;

    private DemoHall(string artefacts, string dataDir, HallFile hallFile, TimeProvider time)
    {
        Artefacts = artefacts;
        DataDir = dataDir;
        HallFile = hallFile;
        _time = time;
    }

    /// <summary>The hall file the server runs (the demo's hall id, time zone and windows come from it).</summary>
    public HallFile HallFile { get; }

    /// <summary>The hall's id.</summary>
    public string HallId => HallFile.Id;

    /// <summary>The hall's windows (counter ids), in the hall file's order.</summary>
    public IReadOnlyList<string> Counters => HallFile.Counters;

    /// <summary>The artefacts folder.</summary>
    public string Artefacts { get; }

    /// <summary>The temporary LiteDB folder.</summary>
    public string DataDir { get; }

    /// <summary>The server's HTTP base.</summary>
    public Uri Server { get; private set; } = null!;

    /// <summary>The board page.</summary>
    public Uri Board { get; private set; } = null!;

    /// <summary>The broker port.</summary>
    public int MqttPort { get; private set; }

    /// <summary>The kiosks.</summary>
    public IReadOnlyList<DemoKiosk> Kiosks => _kiosks;

    /// <summary>The window bus emulator.</summary>
    public BusEmulatorHost Bus { get; private set; } = null!;

    /// <summary>The window bus by window: staff press keypad keys and citizens rate on evaluators through it, and it tells what each device shows.</summary>
    public WindowBus Windows { get; private set; } = null!;

    /// <summary>The staff console (sign-in) and the booking site (appointments) of the server's HTTP API.</summary>
    public StaffConsole Console { get; private set; } = null!;

    /// <summary>Every app the hall runs, for health checks during the script.</summary>
    public IEnumerable<ChildApp> Apps => _apps.OfType<ChildApp>();

    /// <summary>Starts everything; on any failure stops what was started and throws naming the part.</summary>
    public static async Task<DemoHall> StartAsync(string artefacts, int kiosks, double speed, TextWriter output, TimeProvider time, CancellationToken cancellationToken)
    {
        var hallFile = HallFile.Load(Build.SampleHallFile);
        var hall = new DemoHall(artefacts, Directory.CreateTempSubdirectory("halldevices-demo-data-").FullName, hallFile, time);
        try
        {
            await hall.StartCoreAsync(kiosks, speed, output, cancellationToken);
            return hall;
        }
        catch
        {
            await hall.DisposeAsync();
            throw;
        }
    }

    /// <summary>An MQTT client with the sample display account (the monitor: it only listens).</summary>
    public async Task<HallMqttClient> ConnectAsync(string clientId, CancellationToken cancellationToken)
    {
        var client = new HallMqttClient(new MqttConnectionOptions
        {
            Host = "127.0.0.1",
            Port = MqttPort,
            ClientId = clientId,
            Username = "display-01",
            Password = "sample-display-01",
            RequestTimeout = TimeSpan.FromSeconds(5),
        });
        await client.StartAsync(cancellationToken);
        await client.WaitUntilConnectedAsync(TimeSpan.FromSeconds(10), cancellationToken);
        _apps.Add(client);
        return client;
    }

    /// <summary>Throws naming the first app that died.</summary>
    public void EnsureAlive()
    {
        if (Apps.FirstOrDefault(a => a.HasExited) is { } dead)
        {
            throw new DemoException(dead.Name, $"stopped unexpectedly:\n{dead.Tail}");
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        for (var i = _apps.Count - 1; i >= 0; i--)
        {
            await _apps[i].DisposeAsync();
        }

        foreach (var e in _endpoints)
        {
            e.Dispose();
        }

        foreach (var d in _disposables)
        {
            d.Dispose();
        }

        try
        {
            await Task.WhenAll(_emulators).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or TimeoutException or ObjectDisposedException)
        {
            // Emulators end when their wires close.
        }

        _stop.Dispose();
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
            // Temporary database: best effort.
        }
    }

    private async Task StartCoreAsync(int kiosks, double speed, TextWriter output, CancellationToken cancellationToken)
    {
        var logs = Directory.CreateDirectory(Path.Combine(Artefacts, "logs")).FullName;
        MqttPort = FreePort();
        var serverHttp = FreePort();
        Server = new Uri($"http://127.0.0.1:{serverHttp}");
        Console = new StaffConsole(Server, HallId);
        _disposables.Add(Console);
        var zone = HallFile.TimeZone;
        var now = _time.GetUtcNow();
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var morning = new DateTimeOffset(local.Year, local.Month, local.Day, 8, 30, 0, zone.GetUtcOffset(local));

        // One hall clock for the server and the display: the same start, speed and origin, so the
        // board's clock shows the server's time although the display starts seconds later.
        var clock = new Dictionary<string, string>
        {
            ["Clock:Speed"] = speed.ToString(CultureInfo.InvariantCulture),
            ["Clock:Start"] = morning.ToString("o", CultureInfo.InvariantCulture),
            ["Clock:Origin"] = now.ToString("o", CultureInfo.InvariantCulture),
        };

        output.WriteLine($"starting queue-server (broker 127.0.0.1:{MqttPort}, http {Server}, clock ×{speed.ToString(CultureInfo.InvariantCulture)} from {morning:HH:mm})");
        var server = ChildApp.Start("queue-server", "queue-server/HallDevices.QueueServer", new Dictionary<string, string>
        {
            ["Hall:ConfigFile"] = HallFile.Path,
            ["Storage:Path"] = DataDir,
            ["Mqtt:Port"] = Str(MqttPort),
            ["Http:Urls"] = Server.ToString().TrimEnd('/'),
            ["Logging:LogLevel:Default"] = "Warning",
        }.Concat(clock).ToDictionary(), logs, _time);
        _apps.Add(server);
        await server.WaitHealthyAsync(new Uri(Server, "/health"), TimeSpan.FromSeconds(60), cancellationToken);

        for (var i = 1; i <= kiosks; i++)
        {
            var id = $"kiosk-{i:00}";
            var reader = Open("id-card", 115200);
            var scanner = Open("scanner", 9600);
            var printer = Open("printer", 115200);
            var readerHost = new IdCardEmulatorHost(reader.Stream, TextWriter.Null);
            var scannerHost = new ScannerEmulatorHost(scanner.Stream);
            var printerHost = new PrinterEmulatorHost(printer.Stream, Artefacts, Receipts.Value, TextWriter.Null, $"receipt-{id}-");
            _emulators.Add(readerHost.RunAsync(_stop.Token));
            _emulators.Add(printerHost.RunAsync(_stop.Token));
            var ui = new Uri($"http://127.0.0.1:{FreePort()}");
            output.WriteLine($"starting {id} (reader {reader.HostPath}, scanner {scanner.HostPath}, printer {printer.HostPath})");
            var app = ChildApp.Start(id, "kiosk/HallDevices.Kiosk", new Dictionary<string, string>
            {
                ["Kiosk:HallId"] = HallId,
                ["Kiosk:DeviceId"] = id,
                ["Kiosk:Urls"] = ui.ToString().TrimEnd('/'),
                ["Kiosk:IdCardReader:Port"] = reader.HostPath!,
                ["Kiosk:Scanner:Port"] = scanner.HostPath!,
                ["Kiosk:Printer:Port"] = printer.HostPath!,
                ["Kiosk:Voice:OutDir"] = Path.Combine(Artefacts, "voice-" + id),
                ["Mqtt:Port"] = Str(MqttPort),
                ["Mqtt:Username"] = id,
                ["Mqtt:Password"] = "sample-" + id,
                ["Logging:LogLevel:Default"] = "Warning",
            }, logs, _time);
            _apps.Add(app);
            _kiosks.Add(new DemoKiosk(id, app, ui, readerHost, scannerHost, printerHost));
        }

        // The window bus: caller keypads, evaluators and LED strips of w1–w6 as Modbus slaves on one
        // RS-485 line; the display drives the strips from the counters, the emulator draws them.
        var busMap = Path.Combine(Build.Root, "device-sim", "HallDevices.DeviceSim", "bus-sample.json");
        var bus = Open("bus", 9600);
        var pictures = new LedStripPictures(Artefacts, new HallDevices.Devices.Signs.SignTextRenderer(HallDevices.Devices.Signs.SignTextRenderer.DefaultFontPath));
        _disposables.Add(pictures);
        var busDevices = BusMap.Load(busMap);
        Bus = new BusEmulatorHost(bus.Stream, busDevices, TextWriter.Null, pictures);
        Windows = new WindowBus(Bus, busDevices);
        _emulators.Add(Bus.RunAsync(_stop.Token));

        Board = new Uri($"http://127.0.0.1:{FreePort()}");
        var voice = File.Exists("/usr/bin/espeak-ng") ? "espeak-ng" : "none";
        output.WriteLine($"starting display (board {Board}, voice {voice})");
        var display = ChildApp.Start("display", "display/HallDevices.Display", new Dictionary<string, string>
        {
            ["Display:HallId"] = HallId,
            ["Display:Urls"] = Board.ToString().TrimEnd('/'),
            ["Display:Board:SnapshotDir"] = Artefacts,
            ["Display:Voice:Engine"] = voice,
            ["Display:Voice:OutDir"] = Artefacts,
            ["Display:Bus:Port"] = bus.HostPath!,
            ["Display:Bus:MapFile"] = busMap,
            // A keypad's answer (NONE, DONE...) stays 2 s instead of 5: staff at the accelerated
            // windows press again sooner, and a fresh NONE is not mistaken for the last one.
            ["Display:Bus:KeypadReplySeconds"] = "2",
            ["Mqtt:Port"] = Str(MqttPort),
            ["Logging:LogLevel:Default"] = "Warning",
        }.Concat(clock).ToDictionary(), logs, _time);
        _apps.Add(display);

        foreach (var k in _kiosks)
        {
            await k.App.WaitHealthyAsync(new Uri(k.Ui, "/health"), TimeSpan.FromSeconds(60), cancellationToken);
        }

        await display.WaitHealthyAsync(new Uri(Board, "/health"), TimeSpan.FromSeconds(60), cancellationToken);
    }

    private SerialEndpoint Open(string name, int baud)
    {
        var endpoint = SerialEndpoint.Open(null, baud, name);
        _endpoints.Add(endpoint);
        return endpoint;
    }

    private static string Str(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
