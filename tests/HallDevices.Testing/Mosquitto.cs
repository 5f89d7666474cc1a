using System.Diagnostics;
using System.Net.Sockets;
using HallDevices.Hosting.Processes;

namespace HallDevices.Testing;

/// <summary>
/// A real Mosquitto run with the shipped <c>deploy/mosquitto</c> configuration and ACL (only the
/// port and file paths changed), accounts from the sample configuration, and a test observer that
/// may read and write everything. Missing Mosquitto fails the test: the test command installs it.
/// </summary>
public sealed class Mosquitto : IAsyncDisposable
{
    private const string Executable = "/usr/sbin/mosquitto";
    private ChildProcess? _process;

    private Mosquitto(string dir, int port)
    {
        Dir = dir;
        Port = port;
    }

    public string Dir { get; }

    public int Port { get; }

    public static readonly (string User, string Password) Server = ("queue-server", "test-server-secret");
    public static readonly (string User, string Password) Observer = ("test-observer", "test-observer-secret");

    public static async Task<Mosquitto> StartAsync()
    {
        if (!File.Exists(Executable))
        {
            Assert.Fail($"Mosquitto is not installed ({Executable} missing); ./hall.sh test installs it (apt-get install mosquitto)");
        }

        var m = new Mosquitto(TempDir.Create("mosquitto"), ServerProcess.FreePort());
        var deploy = Path.Combine(Repo.Root, "deploy", "mosquitto");
        var conf = File.ReadAllText(Path.Combine(deploy, "mosquitto.conf"))
            .Replace("listener 1883", $"listener {m.Port} 127.0.0.1", StringComparison.Ordinal)
            .Replace("/etc/mosquitto/", m.Dir + "/", StringComparison.Ordinal)
            .Replace("persistence true", "persistence false", StringComparison.Ordinal);
        await File.WriteAllTextAsync(Path.Combine(m.Dir, "mosquitto.conf"), conf);
        await File.WriteAllTextAsync(Path.Combine(m.Dir, "hall.acl"),
            await File.ReadAllTextAsync(Path.Combine(deploy, "hall.acl")) + $"\nuser {Observer.User}\ntopic readwrite #\n");

        var passwd = Path.Combine(m.Dir, "hall.passwd");
        var accounts = new[] { Server, Observer, Sample.Kiosk, Sample.Display, Sample.KeypadW3, Sample.Integrator, ("kiosk-02", "sample-kiosk-02") };
        foreach (var (i, (user, password)) in accounts.Index())
        {
            var args = i == 0 ? new[] { "-c", "-b", passwd, user, password } : ["-b", passwd, user, password];
            using var p = Process.Start(new ProcessStartInfo("mosquitto_passwd", args) { RedirectStandardError = true, UseShellExecute = false })!;
            await p.WaitForExitAsync();
            Assert.True(p.ExitCode == 0, "mosquitto_passwd failed: " + await p.StandardError.ReadToEndAsync());
        }

        // Mosquitto started as root drops to the mosquitto user before reading these files.
        foreach (var f in Directory.GetFiles(m.Dir))
        {
            File.SetUnixFileMode(f, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        File.SetUnixFileMode(m.Dir, (UnixFileMode)0b111_101_101);
        await m.RunAsync();
        return m;
    }

    /// <summary>Settings that point a queue-server at this broker.</summary>
    public Dictionary<string, string> ServerSettings() => new()
    {
        ["Mqtt:Mode"] = "External",
        ["Mqtt:Host"] = "127.0.0.1",
        ["Mqtt:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Mqtt:Username"] = Server.User,
        ["Mqtt:Password"] = Server.Password,
    };

    private async Task RunAsync()
    {
        _process = ChildProcess.Start(new ChildProcessStartInfo(Executable, "-c", Path.Combine(Dir, "mosquitto.conf")) { Name = "mosquitto", KeepLines = null });
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                break;
            }

            try
            {
                using var tcp = new TcpClient();
                await tcp.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new InvalidOperationException($"mosquitto did not start: {_process.Output}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { } p)
        {
            await p.DisposeAsync();
        }
    }
}
