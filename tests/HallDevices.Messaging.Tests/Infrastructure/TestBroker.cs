using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MQTTnet.Server;

namespace HallDevices.Messaging.Tests.Infrastructure;

/// <summary>A broker a test owns: started on a free port, stoppable and restartable on the same port.</summary>
public abstract class TestBroker : IAsyncDisposable
{
    public const string Embedded = "embedded";
    public const string Mosquitto = "mosquitto";

    protected TestBroker(int port) => Port = port;

    public int Port { get; }

    public abstract Task StartAsync();

    public abstract Task StopAsync();

    public abstract ValueTask DisposeAsync();

    public static async Task<TestBroker> StartAsync(string kind)
    {
        TestBroker broker = kind switch
        {
            Embedded => new EmbeddedBroker(Ports.Free()),
            Mosquitto => new MosquittoBroker(Ports.Free()),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown broker kind"),
        };
        await broker.StartAsync();
        return broker;
    }
}

public static class Ports
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Polls until something accepts TCP connections on the port.</summary>
    public static async Task WaitListeningAsync(int port, TimeSpan timeout, Func<string>? diagnostics = null, Func<bool>? gaveUp = null)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (deadline.Elapsed < timeout && gaveUp?.Invoke() != true)
            {
                await Task.Delay(20);
            }
            catch (SocketException ex)
            {
                throw new InvalidOperationException($"Nothing listens on 127.0.0.1:{port} after {timeout}. {diagnostics?.Invoke()}", ex);
            }
        }
    }
}

/// <summary>MQTTnet's own server, in process.</summary>
public sealed class EmbeddedBroker(int port) : TestBroker(port)
{
    private MqttServer? _server;

    public MqttServer Server => _server ?? throw new InvalidOperationException("broker not running");

    public override async Task StartAsync()
    {
        var options = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
            .WithDefaultEndpointPort(Port)
            .WithDefaultEndpointReuseAddress()
            .Build();
        _server = new MqttServerFactory().CreateMqttServer(options);
        await _server.StartAsync();
    }

    public override async Task StopAsync()
    {
        if (_server is null)
        {
            return;
        }

        await _server.StopAsync();
        _server.Dispose();
        _server = null;
    }

    public override async ValueTask DisposeAsync() => await StopAsync();
}

/// <summary>
/// A real Mosquitto (Debian package <c>mosquitto</c>) as a child process with its own config in a
/// temp dir. Missing Mosquitto fails the test: the external-broker path must be proven, not skipped.
/// </summary>
public sealed class MosquittoBroker : TestBroker
{
    private const string Executable = "/usr/sbin/mosquitto";
    private readonly string _dir;
    private readonly string _config;
    private Process? _process;
    private readonly System.Text.StringBuilder _output = new();

    /// <param name="port">Listener port.</param>
    /// <param name="listenerOptions">Extra listener lines (e.g. TLS files), given the temp dir.</param>
    public MosquittoBroker(int port, Func<string, string>? listenerOptions = null) : base(port)
    {
        _dir = Directory.CreateTempSubdirectory("hd-mosquitto-").FullName;
        _config = Path.Combine(_dir, "mosquitto.conf");
        File.WriteAllText(_config, $"""
            listener {port} 127.0.0.1
            {listenerOptions?.Invoke(_dir)}
            allow_anonymous true
            set_tcp_nodelay true
            persistence false
            log_dest stderr
            log_type error
            log_type warning

            """);
    }

    public override async Task StartAsync()
    {
        if (!File.Exists(Executable))
        {
            Assert.Fail($"Mosquitto is not installed ({Executable} missing). Install the Debian package: apt-get install -y mosquitto");
        }

        var info = new ProcessStartInfo(Executable, ["-c", _config])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        _process = Process.Start(info) ?? throw new InvalidOperationException("could not start mosquitto");
        _process.ErrorDataReceived += (_, e) => { lock (_output) { _output.AppendLine(e.Data); } };
        _process.OutputDataReceived += (_, e) => { lock (_output) { _output.AppendLine(e.Data); } };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        await Ports.WaitListeningAsync(Port, TimeSpan.FromSeconds(10), () =>
        {
            lock (_output)
            {
                return $"mosquitto exited: {_process.HasExited}; output: {_output}";
            }
        }, () => _process.HasExited);
    }

    public override async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    public override async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // Temp dir cleanup is best effort.
        }
    }
}
