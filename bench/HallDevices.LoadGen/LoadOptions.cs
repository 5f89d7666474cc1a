using System.Globalization;

namespace HallDevices.LoadGen;

/// <summary>Which broker a run drives.</summary>
internal enum BrokerKind
{
    /// <summary>The MQTTnet broker inside queue-server (its default).</summary>
    Embedded,

    /// <summary>A Mosquitto started by the load generator; queue-server runs with <c>Mqtt:Mode=External</c>.</summary>
    Mosquitto,
}

/// <summary>Command-line options. Defaults keep a full run (both brokers) under ~3 minutes on 2 cores.</summary>
internal sealed record LoadOptions
{
    public IReadOnlyList<BrokerKind> Brokers { get; init; } = [BrokerKind.Embedded, BrokerKind.Mosquitto];

    /// <summary>Offered ticket requests per second, all kiosks together, in the paced phase.</summary>
    public double TicketRate { get; init; } = 200;

    /// <summary>Offered call-next requests per second, all counters together, in the paced phase.</summary>
    public double CallRate { get; init; } = 50;

    public int Kiosks { get; init; } = 10;

    public int Counters { get; init; } = 6;

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(3);

    public TimeSpan PacedDuration { get; init; } = TimeSpan.FromSeconds(15);

    public int RttSamples { get; init; } = 3000;

    public TimeSpan ThroughputDuration { get; init; } = TimeSpan.FromSeconds(20);

    public int ThroughputKiosks { get; init; } = 8;

    /// <summary>Requests each throughput kiosk keeps in flight.</summary>
    public int Window { get; init; } = 4;

    public int IdleClients { get; init; } = 1000;

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Mosquitto <c>max_queued_messages</c>; equal to the embedded broker's <c>Mqtt:MaxPendingMessagesPerClient</c>.</summary>
    public int MosquittoMaxQueued { get; init; } = 20_000;

    public string? ServerDll { get; init; }

    /// <summary>Extra environment for the queue-server child (diagnostic runs, e.g. <c>DOTNET_gcServer=0</c>).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ServerEnvironment { get; init; } = [];

    public string MosquittoPath { get; init; } = "/usr/sbin/mosquitto";

    public string MosquittoPasswdPath { get; init; } = "/usr/bin/mosquitto_passwd";

    public static string Usage => """
        HallDevices.LoadGen — MQTT load against a real queue-server, embedded broker and Mosquitto side by side.
        (HallDevices.LoadGen consoles --help: the staff consoles' live feed instead.)

          --brokers LIST           embedded,mosquitto (default both)
          --rate N                 offered ticket requests/s in the paced phase (default 200)
          --call-rate N            offered call-next requests/s in the paced phase (default 50)
          --kiosks N               kiosks in the paced phase (default 10)
          --counters N             counters w1..wN calling, 1-6 (default 6)
          --warmup S               paced warm-up seconds, not measured (default 3)
          --paced-seconds S        measured paced seconds (default 15)
          --rtt-samples N          raw broker round trips (default 3000)
          --throughput-seconds S   sustained issue phase seconds (default 20)
          --throughput-kiosks N    kiosks in the sustained phase (default 8)
          --window N               requests in flight per sustained kiosk (default 4)
          --idle-clients N         idle clients for the memory phase (default 1000)
          --mosquitto-max-queued N Mosquitto max_queued_messages (default 20000)
          --server-dll PATH        queue-server dll (default: the Release build in this repo)
          --server-env KEY=VALUE   extra environment for queue-server (repeatable; diagnostics only)
          --mosquitto PATH         mosquitto binary (default /usr/sbin/mosquitto)
        """;

    /// <summary>Parses arguments; returns null and an error (or null error for --help) when the run should not start.</summary>
    public static LoadOptions? Parse(IReadOnlyList<string> args, out string? error) =>
        OptionArgs.Parse(args, new LoadOptions(), static (o, name, value) => name switch
        {
            "--brokers" => o with { Brokers = ParseBrokers(value) },
            "--rate" => o with { TicketRate = OptionArgs.Number(value, 1, 5000) },
            "--call-rate" => o with { CallRate = OptionArgs.Number(value, 0, 2000) },
            "--kiosks" => o with { Kiosks = (int)OptionArgs.Number(value, 1, 200) },
            "--counters" => o with { Counters = (int)OptionArgs.Number(value, 1, 6) },
            "--warmup" => o with { Warmup = OptionArgs.Seconds(value, 0, 60) },
            "--paced-seconds" => o with { PacedDuration = OptionArgs.Seconds(value, 1, 300) },
            "--rtt-samples" => o with { RttSamples = (int)OptionArgs.Number(value, 10, 100_000) },
            "--throughput-seconds" => o with { ThroughputDuration = OptionArgs.Seconds(value, 1, 300) },
            "--throughput-kiosks" => o with { ThroughputKiosks = (int)OptionArgs.Number(value, 1, 200) },
            "--window" => o with { Window = (int)OptionArgs.Number(value, 1, 64) },
            "--idle-clients" => o with { IdleClients = (int)OptionArgs.Number(value, 0, 10_000) },
            "--mosquitto-max-queued" => o with { MosquittoMaxQueued = (int)OptionArgs.Number(value, 100, 1_000_000) },
            "--server-dll" => o with { ServerDll = value },
            "--server-env" => o with { ServerEnvironment = [.. o.ServerEnvironment, OptionArgs.EnvPair(value)] },
            "--mosquitto" => o with { MosquittoPath = value },
            _ => throw OptionArgs.Unknown(name),
        }, out error);

    private static BrokerKind[] ParseBrokers(string value)
    {
        var kinds = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => Enum.TryParse<BrokerKind>(s, ignoreCase: true, out var k) ? k : throw new FormatException("expected embedded, mosquitto or both separated by a comma"))
            .Distinct()
            .ToArray();
        return kinds.Length > 0 ? kinds : throw new FormatException("no broker named");
    }
}
