using System.Globalization;
using System.Text;
using HallDevices.Hosting.Processes;

namespace HallDevices.LoadGen;

/// <summary>
/// A real Mosquitto on a free loopback port, with a temp config: password authentication (no
/// anonymous clients), <c>set_tcp_nodelay true</c> (otherwise Nagle's algorithm delays every
/// small reply: docs/perf.md, docs/design.md) and <c>max_queued_messages</c> sized on purpose. No ACL: the benchmark measures
/// the broker, not the policy.
/// </summary>
internal sealed class MosquittoBroker : IAsyncDisposable
{
    private readonly ChildProcess _process;
    private readonly string _folder;

    private MosquittoBroker(ChildProcess process, string folder, int port)
    {
        _process = process;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    public int Pid => _process.Id;

    /// <summary>Its last 60 lines.</summary>
    public string Output => _process.Output;

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
                // fall this far behind before QoS 1 messages are dropped (Mosquitto's default of 1000 loses
                // part of a burst: docs/perf.md, docs/design.md).
                .AppendLine(CultureInfo.InvariantCulture, $"max_queued_messages {options.MosquittoMaxQueued}")
                .AppendLine("persistence false")
                .AppendLine("log_dest stderr")
                .AppendLine("log_type error")
                .AppendLine("log_type warning")
                .AppendLine("connection_messages false")
                .ToString();
            await File.WriteAllTextAsync(config, text, ct);

            var process = ChildProcess.Start(new ChildProcessStartInfo(options.MosquittoPath, "-c", config) { Name = "mosquitto", WorkingDirectory = folder, KeepLines = 60 });
            Cleanup.Track(process);
            var broker = new MosquittoBroker(process, folder, port);
            if (!await Ports.WaitListeningAsync(port, TimeSpan.FromSeconds(10), () => process.HasExited, ct))
            {
                await broker.DisposeAsync();
                throw new InvalidOperationException($"mosquitto did not listen on 127.0.0.1:{port} within 10 s:\n{process.Output}");
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
        var info = new ChildProcessStartInfo(tool) { Name = tool, KeepLines = null, MessageLines = null };
        if (create)
        {
            info.Arguments.Add("-c");
        }

        info.Arguments.Add("-b");
        info.Arguments.Add(file);
        info.Arguments.Add(login.Username);
        info.Arguments.Add(login.Password);
        using var process = ChildProcess.Start(info);
        Cleanup.Track(process);
        try
        {
            if (await process.WaitForExitAsync(TimeSpan.FromSeconds(10), ct) != 0)
            {
                throw new InvalidOperationException($"{tool} failed for {login.Username}: {process.Output}");
            }
        }
        finally
        {
            Cleanup.Kill(process);
        }
    }
}
