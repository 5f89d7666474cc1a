using System.Diagnostics;
using System.Text;

namespace HallDevices.Testing;

/// <summary>One of the solution's apps (kiosk, display) as a real child process, configured by environment.</summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private readonly Process _process;

    private AppProcess(Process process, int httpPort)
    {
        _process = process;
        HttpPort = httpPort;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int HttpPort { get; }

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

    /// <summary>Starts <paramref name="project"/>'s dll (e.g. kiosk/HallDevices.Kiosk) and waits for <paramref name="healthPath"/> to answer 200.</summary>
    public static async Task<AppProcess> StartAsync(string project, IReadOnlyDictionary<string, string> settings, string urlsKey, string healthPath = "/health")
    {
        var name = Path.GetFileName(project);
        var dll = Path.Combine(Repo.Root, project, "bin", Repo.Configuration, "net10.0", name + ".dll");
        Assert.True(File.Exists(dll), $"{name} is not built at {dll}");
        var port = ServerProcess.FreePort();
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Path.GetDirectoryName(dll)! };
        psi.ArgumentList.Add(dll);
        psi.Environment["DOTNET_ENVIRONMENT"] = "Development";
        psi.Environment[urlsKey.Replace(":", "__", StringComparison.Ordinal)] = $"http://127.0.0.1:{port}";
        foreach (var (key, value) in settings)
        {
            psi.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var app = new AppProcess(Process.Start(psi)!, port);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (app._process.HasExited)
            {
                throw new InvalidOperationException($"{name} exited with {app._process.ExitCode}:\n{app.Output}");
            }

            try
            {
                if ((await http.GetAsync(new Uri(app.BaseUri, healthPath))).IsSuccessStatusCode)
                {
                    return app;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        await app.DisposeAsync();
        throw new TimeoutException($"{name} did not answer {healthPath} within 30 s:\n{app.Output}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
