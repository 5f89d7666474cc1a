using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace HallDevices.Testing;

/// <summary>A real queue-server child process on free ports and a temp data folder.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private Process? _process;

    private ServerProcess(string dataDir, int httpPort, IReadOnlyDictionary<string, string> settings)
    {
        DataDir = dataDir;
        HttpPort = httpPort;
        Settings = settings;
        MqttPort = settings.TryGetValue("Mqtt:Port", out var port) ? int.Parse(port, System.Globalization.CultureInfo.InvariantCulture) : FreePort();
    }

    /// <summary>Port of the embedded broker (or of the external one, when Mqtt:Port is given).</summary>
    public int MqttPort { get; }

    /// <summary>Log level of the child's console output (Warning unless a test wants to read more).</summary>
    public string LogLevel { get; init; } = "Warning";

    public string DataDir { get; }

    public int HttpPort { get; }

    public IReadOnlyDictionary<string, string> Settings { get; }

    public Uri BaseUri => new($"http://127.0.0.1:{HttpPort}");

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<ServerProcess> StartAsync(string? dataDir = null, IReadOnlyDictionary<string, string>? settings = null, string logLevel = "Warning")
    {
        var server = new ServerProcess(dataDir ?? TempDir.Create("qs-data"), FreePort(), settings ?? new Dictionary<string, string>()) { LogLevel = logLevel };
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts the process (again) on the same data folder and port.</summary>
    public async Task StartAgainAsync()
    {
        var dll = Path.Combine(Repo.Root, "queue-server", "HallDevices.QueueServer", "bin", Repo.Configuration, "net10.0", "HallDevices.QueueServer.dll");
        Assert.True(File.Exists(dll), $"queue-server is not built at {dll}");
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        psi.ArgumentList.Add(dll);
        psi.Environment["DOTNET_ENVIRONMENT"] = "Development";
        psi.Environment["Storage__Path"] = DataDir;
        psi.Environment["Http__Urls"] = BaseUri.ToString().TrimEnd('/');
        psi.Environment["Logging__LogLevel__Default"] = LogLevel;
        foreach (var (key, value) in Settings)
        {
            psi.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        psi.Environment["Mqtt__Port"] = MqttPort.ToString(System.Globalization.CultureInfo.InvariantCulture);

        _process = Process.Start(psi)!;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"queue-server exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                if ((await http.GetAsync(new Uri(BaseUri, "/health"))).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"queue-server did not answer /health within 30 s:\n{Output}");
    }

    /// <summary>SIGTERM: the graceful shutdown an operator's systemctl stop sends. Returns the exit code.</summary>
    public async Task<int> StopGracefullyAsync()
    {
        if (_process is not { HasExited: false } p)
        {
            return _process?.ExitCode ?? 0;
        }

        using (var kill = Process.Start("kill", ["-TERM", p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await p.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return p.ExitCode;
    }

    /// <summary>SIGKILL: no shutdown code runs, exactly like a power switch on the process.</summary>
    public void KillHard()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public async ValueTask DisposeAsync()
    {
        KillHard();
        _process?.Dispose();
        await Task.CompletedTask;
    }

    public static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}

public static class Repo
{
    public static string Root { get; } = FindRoot();

    /// <summary>The sample hall file the server runs by default (queue-server/HallDevices.QueueServer/halls/sample-town.json).</summary>
    public static string SampleHallFile => Path.Combine(Root, "queue-server", "HallDevices.QueueServer", "halls", "sample-town.json");

    /// <summary>The configuration this test assembly was built in (bin/{Configuration}/net10.0/), so a child app is taken from the same build.</summary>
    public static string Configuration => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/')).Parent!.Name;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HallDevices.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("HallDevices.sln not found above " + AppContext.BaseDirectory);
    }
}

public static class TempDir
{
    public static string Create(string prefix)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"halldevices-{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }
}
