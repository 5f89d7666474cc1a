using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using HallDevices.Hosting.Processes;

namespace HallDevices.Testing;

/// <summary>A real queue-server child process on free ports and a temp data folder.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);
    private ChildProcess? _process;
    private string _earlierOutput = string.Empty;

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

    /// <summary>The HTTPS address when the server was started with an HTTPS port (and a certificate in its settings).</summary>
    public Uri? HttpsUri => HttpsPort is { } port ? new($"https://127.0.0.1:{port}") : null;

    /// <summary>A second, HTTPS listener's port, if any.</summary>
    public int? HttpsPort { get; init; }

    /// <summary>Everything every start of it printed (tests search the whole log, across restarts).</summary>
    public string Output => _process is { } p ? _earlierOutput + p.Output : _earlierOutput;

    public static async Task<ServerProcess> StartAsync(string? dataDir = null, IReadOnlyDictionary<string, string>? settings = null, string logLevel = "Warning", int? httpsPort = null)
    {
        var server = new ServerProcess(dataDir ?? TempDir.Create("qs-data"), FreePort(), settings ?? new Dictionary<string, string>()) { LogLevel = logLevel, HttpsPort = httpsPort };
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts the process (again) on the same data folder and port.</summary>
    public async Task StartAgainAsync()
    {
        var dll = Path.Combine(Repo.Root, "queue-server", "HallDevices.QueueServer", "bin", Repo.Configuration, "net10.0", "HallDevices.QueueServer.dll");
        Assert.True(File.Exists(dll), $"queue-server is not built at {dll}");
        var info = Repo.TestApp(dll, "queue-server")
            .Configure("Storage:Path", DataDir)
            .Configure("Http:Urls", BaseUri.ToString().TrimEnd('/') + (HttpsUri is { } https ? ";" + https.ToString().TrimEnd('/') : ""))
            .Configure("Logging:LogLevel:Default", LogLevel)
            .Configure(Settings)
            .Configure("Mqtt:Port", MqttPort.ToString(System.Globalization.CultureInfo.InvariantCulture));

        if (_process is { } earlier)
        {
            _earlierOutput += earlier.Output + "\n";
            await earlier.DisposeAsync();
        }

        _process = ChildProcess.Start(info);
        try
        {
            await _process.WaitUntilHealthyAsync(new Uri(BaseUri, "/health"), StartTimeout);
        }
        catch (ChildProcessExitedException e)
        {
            // Callers (and tests of start-up refusals) expect what this helper always threw: an
            // InvalidOperationException naming the exit code, with everything the server printed.
            throw new InvalidOperationException($"queue-server exited with {e.ExitCode}:\n{Output}", e);
        }
    }

    /// <summary>SIGTERM: the graceful shutdown an operator's systemctl stop sends. Returns the exit code.</summary>
    public async Task<int> StopGracefullyAsync()
    {
        if (_process is not { HasExited: false } p)
        {
            return _process?.ExitCode ?? 0;
        }

        p.Signal(PosixSignal.SIGTERM);
        return await p.WaitForExitAsync(StopTimeout);
    }

    /// <summary>SIGKILL: no shutdown code runs, exactly like a power switch on the process.</summary>
    public void KillHard() => _process?.Kill();

    public async ValueTask DisposeAsync()
    {
        if (_process is { } p)
        {
            await p.DisposeAsync();
        }
    }

    public static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}

public static class Repo
{
    public static string Root { get; } = FindRoot();

    /// <summary>The sample hall file the server runs by default (queue-server/HallDevices.QueueServer/halls/sample-town.json).</summary>
    public static string SampleHallFile => Path.Combine(Root, "queue-server", "HallDevices.QueueServer", "halls", "sample-town.json");

    /// <summary>The sample village agent station (代办点) of the seed: 60 services, one window.</summary>
    public static string SampleVillageFile => Path.Combine(Root, "queue-server", "HallDevices.QueueServer", "halls", "sample-village.json");

    /// <summary>The configuration this test assembly was built in (bin/{Configuration}/net10.0/), so a child app is taken from the same build.</summary>
    public static string Configuration => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/')).Parent!.Name;

    /// <summary>
    /// How tests start one of the solution's apps: <c>dotnet app.dll</c> in Development (the sample
    /// accounts), keeping its whole output, which failure messages show.
    /// </summary>
    public static ChildProcessStartInfo TestApp(string dll, string name)
    {
        var info = ChildProcessStartInfo.DotnetApp(dll, name);
        info.KeepLines = null;
        info.MessageLines = null;
        info.Environment["DOTNET_ENVIRONMENT"] = "Development";
        return info;
    }

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
