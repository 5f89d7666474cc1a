using System.Diagnostics;
using System.Text;

namespace HallDevices.DeviceSim.Demo;

/// <summary>
/// One app of the hall (queue-server, kiosk, display) started by the demo as a child process from
/// the same build, configured through environment variables. Disposing kills it and its children.
/// </summary>
public sealed class ChildApp : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private ChildApp(string name, Process process, string logPath)
    {
        Name = name;
        _process = process;
        LogPath = logPath;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Name used in messages.</summary>
    public string Name { get; }

    /// <summary>Where its console output is kept.</summary>
    public string LogPath { get; }

    /// <summary>True once it exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The last lines it printed (for failure messages).</summary>
    public string Tail
    {
        get
        {
            lock (_log)
            {
                var lines = _log.ToString().Split('\n');
                return string.Join('\n', lines.TakeLast(15));
            }
        }
    }

    /// <summary>Starts <paramref name="project"/> (e.g. <c>queue-server/HallDevices.QueueServer</c>) of the current build.</summary>
    public static ChildApp Start(string name, string project, IReadOnlyDictionary<string, string> settings, string logDir)
    {
        var dll = Path.Combine(Build.Root, project, "bin", Build.Configuration, "net10.0", Path.GetFileName(project) + ".dll");
        if (!File.Exists(dll))
        {
            throw new DemoException(name, $"not built: {dll} is missing (run ./hall.sh demo, which builds first)");
        }

        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Path.GetDirectoryName(dll)! };
        psi.ArgumentList.Add(dll);
        psi.Environment["DOTNET_ENVIRONMENT"] = "Development";
        foreach (var (key, value) in settings)
        {
            psi.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return new ChildApp(name, Process.Start(psi) ?? throw new DemoException(name, "could not start"), Path.Combine(logDir, name + ".log"));
    }

    /// <summary>Waits until <paramref name="url"/> answers 200, or fails naming the app.</summary>
    public async Task WaitHealthyAsync(Uri url, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new DemoException(Name, $"exited with code {_process.ExitCode} during start-up:\n{Tail}");
            }

            try
            {
                if ((await http.GetAsync(url, cancellationToken)).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }

            await Task.Delay(150, cancellationToken);
        }

        throw new DemoException(Name, $"did not become healthy at {url} within {timeout.TotalSeconds:0} s:\n{Tail}");
    }

    /// <summary>Stops it (SIGTERM, then kill) and saves its log.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                using var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                await term.WaitForExitAsync();
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (Exception e) when (e is TimeoutException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        lock (_log)
        {
            File.WriteAllText(LogPath, _log.ToString());
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }
    }
}

/// <summary>Where the solution and its build are, found from device-sim's own location.</summary>
public static class Build
{
    /// <summary>The repository root (the folder holding HallDevices.sln).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The build configuration device-sim runs from (bin/{Configuration}/net10.0).</summary>
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

        throw new DemoException("demo", "HallDevices.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A part of the demo failed; <see cref="Part"/> says which.</summary>
public sealed class DemoException(string part, string message) : Exception($"{part}: {message}")
{
    /// <summary>The failing part (queue-server, kiosk-01, display, script...).</summary>
    public string Part { get; } = part;
}
