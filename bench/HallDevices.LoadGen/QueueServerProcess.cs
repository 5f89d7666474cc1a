using System.Globalization;
using HallDevices.Hosting.Processes;

namespace HallDevices.LoadGen;

/// <summary>Where queue-server's MQTT client goes: its own embedded broker, or an external one.</summary>
internal sealed record ServerBroker(BrokerKind Kind, int Port, MqttLogin? ExternalLogin);

/// <summary>
/// A real queue-server child process (the Release build, <c>DOTNET_ENVIRONMENT=Development</c> so
/// the sample accounts are accepted), on free loopback ports with a temp storage folder.
/// </summary>
internal sealed class QueueServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private readonly ChildProcess _process;
    private readonly string _dataFolder;
    private readonly HttpClient _http;

    private QueueServerProcess(ChildProcess process, string dataFolder, int httpPort)
    {
        _process = process;
        _dataFolder = dataFolder;
        BaseUri = new Uri($"http://127.0.0.1:{httpPort}");
        _http = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(5) };
    }

    public Uri BaseUri { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>How the process ended, for reports: exit code (128+N: killed by signal N) and when.</summary>
    public string ExitDescription => _process.HasExited
        ? $"exit code {_process.ExitCode} at {_process.ExitTime:HH:mm:ss.fff}"
        : "still running";

    /// <summary>Its last 60 lines.</summary>
    public string Output => _process.Output;

    public static async Task<QueueServerProcess> StartAsync(string dll, ServerBroker broker, IEnumerable<KeyValuePair<string, string>> extraEnvironment, CancellationToken ct)
    {
        var data = Cleanup.NewTempFolder("data");
        var httpPort = Ports.Free();
        // The last 60 lines are what a report shows of a server that failed.
        var info = ChildProcessStartInfo.DotnetApp(dll, "queue-server");
        info.KeepLines = 60;
        info.MessageLines = null;
        info.Environment["DOTNET_ENVIRONMENT"] = "Development";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Configure("Storage:Path", data)
            .Configure("Http:Urls", $"http://127.0.0.1:{httpPort}")
            .Configure("Logging:LogLevel:Default", "Warning")
            // Every console of the consoles mode signs in from this one address within seconds.
            .Configure("Staff:SignInsPerMinutePerAddress", "100000")
            .Configure("Mqtt:Port", broker.Port.ToString(CultureInfo.InvariantCulture));
        if (broker.Kind == BrokerKind.Mosquitto)
        {
            // Bound by HallDevices.Messaging's MqttConnectionOptionsBinder (section Mqtt); the server's
            // embedded-broker override applies only in Embedded mode.
            info.Configure("Mqtt:Mode", "External")
                .Configure("Mqtt:Host", "127.0.0.1")
                .Configure("Mqtt:Username", broker.ExternalLogin!.Username)
                .Configure("Mqtt:Password", broker.ExternalLogin.Password);
        }
        else
        {
            info.Configure("Mqtt:Mode", "Embedded").Configure("Mqtt:BindAddress", "127.0.0.1");
        }

        foreach (var (key, value) in extraEnvironment)
        {
            info.Environment[key] = value;
        }

        var process = ChildProcess.Start(info);
        Cleanup.Track(process);
        var server = new QueueServerProcess(process, data, httpPort);
        try
        {
            await process.WaitUntilHealthyAsync(new Uri(server.BaseUri, "/health"), StartTimeout, ct);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>VmRSS of the server process in MiB.</summary>
    public double? RssMiB() => ProcMemory.RssMiB(Pid);

    /// <summary>One sample of <c>/metrics</c>, named with its labels as the server writes them, or null.</summary>
    public async Task<double?> MetricAsync(string name, CancellationToken ct) => (await MetricsAsync(ct)).GetValueOrDefault(name);

    /// <summary>Every sample of <c>/metrics</c> by name-with-labels; empty when the server does not answer.</summary>
    public async Task<Dictionary<string, double?>> MetricsAsync(CancellationToken ct)
    {
        var samples = new Dictionary<string, double?>(StringComparer.Ordinal);
        try
        {
            var text = await _http.GetStringAsync(new Uri("/metrics", UriKind.Relative), ct);
            foreach (var line in text.Split('\n'))
            {
                var space = line.LastIndexOf(' ');
                if (line.Length > 0 && line[0] != '#' && space > 0
                    && double.TryParse(line[(space + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                {
                    samples[line[..space]] = value;
                }
            }
        }
        catch (HttpRequestException)
        {
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
        }

        return samples;
    }

    public async ValueTask DisposeAsync()
    {
        Cleanup.Kill(_process);
        await _process.DisposeAsync();
        _http.Dispose();
        Cleanup.DeleteFolder(_dataFolder);
    }
}
