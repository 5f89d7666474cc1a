using HallDevices.Hosting.Processes;

namespace HallDevices.DeviceSim.Demo;

/// <summary>
/// One app of the hall (queue-server, kiosk, display) started by the demo as a child process from
/// the same build, configured through environment variables. Disposing stops it (SIGTERM, then a
/// kill of it and its children) and saves its console output to <see cref="LogPath"/>.
/// </summary>
public sealed class ChildApp : IAsyncDisposable
{
    // Failure messages show this many of its last lines; the log file has them all.
    private const int TailLines = 15;
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);
    private readonly ChildProcess _process;

    private ChildApp(string name, ChildProcess process, string logPath)
    {
        Name = name;
        _process = process;
        LogPath = logPath;
    }

    /// <summary>Name used in messages.</summary>
    public string Name { get; }

    /// <summary>Where its console output is kept.</summary>
    public string LogPath { get; }

    /// <summary>True once it exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The last lines it printed (for failure messages).</summary>
    public string Tail => _process.Tail(TailLines);

    /// <summary>Starts <paramref name="project"/> (e.g. <c>queue-server/HallDevices.QueueServer</c>) of the current build.</summary>
    public static ChildApp Start(string name, string project, IReadOnlyDictionary<string, string> settings, string logDir, TimeProvider time)
    {
        var dll = Path.Combine(Build.Root, project, "bin", Build.Configuration, "net10.0", Path.GetFileName(project) + ".dll");
        if (!File.Exists(dll))
        {
            throw new DemoException(name, $"not built: {dll} is missing (run ./hall.sh demo, which builds first)");
        }

        var info = ChildProcessStartInfo.DotnetApp(dll, name);
        info.KeepLines = null;
        info.MessageLines = TailLines;
        info.Environment["DOTNET_ENVIRONMENT"] = "Development";
        info.Configure(settings);
        try
        {
            return new ChildApp(name, ChildProcess.Start(info, time), Path.Combine(logDir, name + ".log"));
        }
        catch (InvalidOperationException)
        {
            throw new DemoException(name, "could not start");
        }
    }

    /// <summary>Waits until <paramref name="url"/> answers 200, or fails naming the app.</summary>
    public async Task WaitHealthyAsync(Uri url, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await _process.WaitUntilHealthyAsync(url, timeout, cancellationToken);
        }
        catch (ChildProcessExitedException e)
        {
            throw new DemoException(Name, $"exited with code {e.ExitCode} during start-up:\n{Tail}");
        }
        catch (TimeoutException)
        {
            throw new DemoException(Name, $"did not become healthy at {url} within {timeout.TotalSeconds:0} s:\n{Tail}");
        }
    }

    /// <summary>Stops it (SIGTERM, then kill) and saves its log.</summary>
    public async ValueTask DisposeAsync()
    {
        await _process.StopAsync(StopGrace);
        var output = _process.Output;
        await File.WriteAllTextAsync(LogPath, output.Length == 0 ? output : output + "\n");
        await _process.DisposeAsync();
    }
}
