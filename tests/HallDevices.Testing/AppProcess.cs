using HallDevices.Hosting.Processes;

namespace HallDevices.Testing;

/// <summary>One of the solution's apps (kiosk, display) as a real child process, configured by environment.</summary>
public sealed class AppProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private readonly ChildProcess _process;

    private AppProcess(ChildProcess process, int httpPort)
    {
        _process = process;
        HttpPort = httpPort;
    }

    public int HttpPort { get; }

    public Uri BaseUri => new($"http://127.0.0.1:{HttpPort}");

    /// <summary>Everything it printed so far (tests search the whole log).</summary>
    public string Output => _process.Output;

    /// <summary>Starts <paramref name="project"/>'s dll (e.g. kiosk/HallDevices.Kiosk) and waits for <paramref name="healthPath"/> to answer 200.</summary>
    public static async Task<AppProcess> StartAsync(string project, IReadOnlyDictionary<string, string> settings, string urlsKey, string healthPath = "/health")
    {
        var name = Path.GetFileName(project);
        var dll = Path.Combine(Repo.Root, project, "bin", Repo.Configuration, "net10.0", name + ".dll");
        Assert.True(File.Exists(dll), $"{name} is not built at {dll}");
        var port = ServerProcess.FreePort();
        var app = new AppProcess(ChildProcess.Start(Configure(dll, name, urlsKey, port, settings)), port);
        try
        {
            await app._process.WaitUntilHealthyAsync(new Uri(app.BaseUri, healthPath), StartTimeout);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private static ChildProcessStartInfo Configure(string dll, string name, string urlsKey, int port, IReadOnlyDictionary<string, string> settings)
    {
        var info = Repo.TestApp(dll, name);
        info.Configure(urlsKey, $"http://127.0.0.1:{port}");
        return info.Configure(settings);
    }
}
