using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace HallDevices.LoadGen;

/// <summary>
/// A real Mosquitto on a free loopback port, with a temp config: password authentication (no
/// anonymous clients), <c>set_tcp_nodelay true</c> (Nagle costs ~40 ms per round trip otherwise,
/// DESIGN.md §7) and <c>max_queued_messages</c> sized on purpose. No ACL: the benchmark measures
/// the broker, not the policy.
/// </summary>
internal sealed class MosquittoBroker : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _folder;
    private readonly OutputTail _output;

    private MosquittoBroker(Process process, string folder, int port, OutputTail output)
    {
        _process = process;
        _folder = folder;
        Port = port;
        _output = output;
    }

    public int Port { get; }

    public int Pid => _process.Id;

    public string Output => _output.ToString();

    public static async Task<MosquittoBroker> StartAsync(LoadOptions options, IEnumerable<MqttLogin> logins, CancellationToken ct)
    {
        var folder = Cleanup.NewTempFolder("mosquitto");
        try
        {
            var passwordFile = Path.Combine(folder, "passwd");
            var first = true;
            foreach (var login in logins)
            {
                await RunPasswdAsync(options.MosquittoPasswdPath, first, passwordFile, login, ct);
                first = false;
            }

            var port = Ports.Free();
            var config = Path.Combine(folder, "mosquitto.conf");
            var text = new StringBuilder()
                .AppendLine("# Written by HallDevices.LoadGen for one benchmark run.")
                .AppendLine("per_listener_settings false")
                .AppendLine(CultureInfo.InvariantCulture, $"listener {port} 127.0.0.1")
                .AppendLine("allow_anonymous false")
                .AppendLine(CultureInfo.InvariantCulture, $"password_file {passwordFile}")
                .AppendLine("set_tcp_nodelay true")
                // Same limit as the embedded broker (Mqtt:MaxPendingMessagesPerClient): a subscriber may
                // fall this far behind before QoS 1 messages are dropped (Mosquitto's default 1000 lost
                // 32% of a 20,000-message burst here, DESIGN.md §7).
                .AppendLine(CultureInfo.InvariantCulture, $"max_queued_messages {options.MosquittoMaxQueued}")
                .AppendLine("persistence false")
                .AppendLine("log_dest stderr")
                .AppendLine("log_type error")
                .AppendLine("log_type warning")
                .AppendLine("connection_messages false")
                .ToString();
            await File.WriteAllTextAsync(config, text, ct);

            var psi = new ProcessStartInfo(options.MosquittoPath)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = folder,
            };
            psi.ArgumentList.Add("-c");
            psi.ArgumentList.Add(config);
            var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {options.MosquittoPath}");
            Cleanup.Track(process, "mosquitto");
            var output = new OutputTail();
            output.Attach(process);
            var broker = new MosquittoBroker(process, folder, port, output);
            if (!await Ports.WaitListeningAsync(port, TimeSpan.FromSeconds(10), () => process.HasExited, ct))
            {
                await broker.DisposeAsync();
                throw new InvalidOperationException($"mosquitto did not listen on 127.0.0.1:{port} within 10 s:\n{output}");
            }

            return broker;
        }
        catch
        {
            Cleanup.DeleteFolder(folder);
            throw;
        }
    }

    public ValueTask DisposeAsync()
    {
        Cleanup.Kill(_process);
        _process.Dispose();
        Cleanup.DeleteFolder(_folder);
        return ValueTask.CompletedTask;
    }

    private static async Task RunPasswdAsync(string tool, bool create, string file, MqttLogin login, CancellationToken ct)
    {
        var psi = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (create)
        {
            psi.ArgumentList.Add("-c");
        }

        psi.ArgumentList.Add("-b");
        psi.ArgumentList.Add(file);
        psi.ArgumentList.Add(login.Username);
        psi.ArgumentList.Add(login.Password);
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {tool}");
        Cleanup.Track(process, "mosquitto_passwd");
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{tool} failed for {login.Username}: {await stderr}");
            }
        }
        finally
        {
            Cleanup.Kill(process);
        }
    }
}
