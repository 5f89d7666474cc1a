using System.Diagnostics;
using System.Text.RegularExpressions;
using System.Threading.Channels;

namespace HallDevices.Testing;

/// <summary>A real <c>device-sim</c> child process: commands on its stdin, its lines read back.</summary>
public sealed partial class SimProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();

    private SimProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { _lines.Writer.TryWrite(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { _lines.Writer.TryWrite("stderr: " + e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    private bool _disposed;

    public string? HostPort { get; private set; }

    public static async Task<SimProcess> StartAsync(params string[] args)
    {
        var dll = Path.Combine(Repo.Root, "device-sim", "HallDevices.DeviceSim", "bin", Repo.Configuration, "net10.0", "device-sim.dll");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(dll);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        var sim = new SimProcess(Process.Start(psi)!);
        var ready = await sim.WaitForLineAsync(l => l.Contains("emulator ready", StringComparison.Ordinal));
        if (HostPortPattern().Match(ready) is { Success: true } m)
        {
            sim.HostPort = m.Groups[1].Value;
        }

        return sim;
    }

    public async Task SendAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        var seen = new List<string>();
        try
        {
            while (true)
            {
                var line = await _lines.Reader.ReadAsync(cts.Token);
                seen.Add(line);
                if (match(line))
                {
                    return line;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("device-sim did not print the expected line; it printed:\n" + string.Join('\n', seen));
        }
    }

    public async Task<int> StopAsync()
    {
        if (!_process.HasExited)
        {
            await SendAsync("quit");
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }

        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    [GeneratedRegex("host port: (\\S+)")]
    private static partial Regex HostPortPattern();
}
