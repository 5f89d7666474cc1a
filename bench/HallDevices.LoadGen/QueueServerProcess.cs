using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace HallDevices.LoadGen;

/// <summary>Where queue-server's MQTT client goes: its own embedded broker, or an external one.</summary>
internal sealed record ServerBroker(BrokerKind Kind, int Port, MqttLogin? ExternalLogin);

/// <summary>
/// A real queue-server child process (the Release build, <c>DOTNET_ENVIRONMENT=Development</c> so
/// the sample accounts are accepted), on free loopback ports with a temp storage folder.
/// </summary>
internal sealed class QueueServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dataFolder;
    private readonly OutputTail _output;
    private readonly HttpClient _http;

    private QueueServerProcess(Process process, string dataFolder, int httpPort, OutputTail output)
    {
        _process = process;
        _dataFolder = dataFolder;
        _output = output;
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

    public string Output => _output.ToString();

    public static async Task<QueueServerProcess> StartAsync(string dll, ServerBroker broker, IEnumerable<KeyValuePair<string, string>> extraEnvironment, CancellationToken ct)
    {
        var data = Cleanup.NewTempFolder("data");
        var httpPort = Ports.Free();
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        psi.ArgumentList.Add(dll);
        psi.Environment["DOTNET_ENVIRONMENT"] = "Development";
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        psi.Environment["Storage__Path"] = data;
        psi.Environment["Http__Urls"] = $"http://127.0.0.1:{httpPort}";
        psi.Environment["Logging__LogLevel__Default"] = "Warning";
        psi.Environment["Mqtt__Port"] = broker.Port.ToString(CultureInfo.InvariantCulture);
        if (broker.Kind == BrokerKind.Mosquitto)
        {
            // Bound by HallDevices.Messaging's MqttConnectionOptionsBinder (section Mqtt); the server's
            // embedded-broker override applies only in Embedded mode.
            psi.Environment["Mqtt__Mode"] = "External";
            psi.Environment["Mqtt__Host"] = "127.0.0.1";
            psi.Environment["Mqtt__Username"] = broker.ExternalLogin!.Username;
            psi.Environment["Mqtt__Password"] = broker.ExternalLogin.Password;
        }
        else
        {
            psi.Environment["Mqtt__Mode"] = "Embedded";
            psi.Environment["Mqtt__BindAddress"] = "127.0.0.1";
        }

        foreach (var (key, value) in extraEnvironment)
        {
            psi.Environment[key] = value;
        }

        var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start dotnet");
        Cleanup.Track(process, "queue-server");
        var output = new OutputTail();
        output.Attach(process);
        var server = new QueueServerProcess(process, data, httpPort, output);
        try
        {
            await server.WaitHealthyAsync(TimeSpan.FromSeconds(30), ct);
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
        _process.Dispose();
        _http.Dispose();
        Cleanup.DeleteFolder(_dataFolder);
        await Task.CompletedTask;
    }

    private async Task WaitHealthyAsync(TimeSpan timeout, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"queue-server exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await _http.GetAsync(new Uri("/health", UriKind.Relative), ct);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
            }

            await Task.Delay(100, ct);
        }

        throw new TimeoutException($"queue-server did not answer /health within {timeout.TotalSeconds} s:\n{Output}");
    }
}
