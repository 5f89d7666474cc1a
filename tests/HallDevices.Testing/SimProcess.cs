using System.Text.RegularExpressions;
using HallDevices.Hosting.Processes;

namespace HallDevices.Testing;

/// <summary>A real <c>device-sim</c> child process: commands on its stdin, its lines read back.</summary>
public sealed partial class SimProcess : IAsyncDisposable
{
    private static readonly TimeSpan LineTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan QuitTimeout = TimeSpan.FromSeconds(10);
    private readonly ChildProcess _process;

    private SimProcess(ChildProcess process)
    {
        _process = process;
    }

    public string? HostPort { get; private set; }

    public static async Task<SimProcess> StartAsync(params string[] args)
    {
        var dll = Path.Combine(Repo.Root, "device-sim", "HallDevices.DeviceSim", "bin", Repo.Configuration, "net10.0", "device-sim.dll");

        // The test's working directory stays the sim's (relative --out paths); every line is kept,
        // so a wait never misses one, and stderr lines are told apart.
        var info = new ChildProcessStartInfo("dotnet", [dll, .. args])
        {
            Name = "device-sim",
            RedirectStandardInput = true,
            KeepLines = null,
            ErrorLinePrefix = "stderr: ",
        };
        var sim = new SimProcess(ChildProcess.Start(info));
        try
        {
            var ready = await sim.WaitForLineAsync(l => l.Contains("emulator ready", StringComparison.Ordinal));
            if (HostPortPattern().Match(ready) is { Success: true } m)
            {
                sim.HostPort = m.Groups[1].Value;
            }

            return sim;
        }
        catch
        {
            await sim.DisposeAsync();
            throw;
        }
    }

    public Task SendAsync(string line) => _process.WriteLineAsync(line);

    /// <summary>The next line that matches, reading on from the previous wait; fails after 20 s (or <paramref name="timeout"/>) with what it printed.</summary>
    public Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan? timeout = null) =>
        _process.WaitForLineAsync(match, timeout ?? LineTimeout);

    public async Task<int> StopAsync()
    {
        if (!_process.HasExited)
        {
            await SendAsync("quit");
            return await _process.WaitForExitAsync(QuitTimeout);
        }

        return _process.ExitCode;
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    [GeneratedRegex("host port: (\\S+)")]
    private static partial Regex HostPortPattern();
}
