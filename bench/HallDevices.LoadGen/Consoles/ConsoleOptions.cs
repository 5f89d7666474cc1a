using System.Globalization;

namespace HallDevices.LoadGen.Consoles;

/// <summary>Options of the <c>consoles</c> mode (issue 14: a counter action → every open console updated).</summary>
internal sealed record ConsoleOptions
{
    /// <summary>Live feeds open at once, each its own signed-in session.</summary>
    public int Consoles { get; init; } = 50;

    /// <summary>Counter actions per second (issue, call-next, finish in turn), one after another.</summary>
    public double Rate { get; init; } = 4;

    /// <summary>Measured actions; with the default rate a minute.</summary>
    public int Actions { get; init; } = 240;

    /// <summary>Actions before the measured ones (JIT, connection warm-up), not counted.</summary>
    public int WarmupActions { get; init; } = 30;

    /// <summary>Tickets issued before the consoles open, so the hall has queues to show and call from.</summary>
    public int Prefill { get; init; } = 80;

    /// <summary>How long after the last action a console may still deliver it before it counts as missed.</summary>
    public TimeSpan Drain { get; init; } = TimeSpan.FromSeconds(3);

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public string? ServerDll { get; init; }

    /// <summary>Extra environment for the queue-server child (diagnostic runs only).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ServerEnvironment { get; init; } = [];

    public static string Usage => """
        HallDevices.LoadGen consoles — staff consoles' live feeds against a real queue-server (issue 14).

          --consoles N          live feeds open, each a session signed in through the login form (default 50;
                                0: the same actions with no feed open, the memory baseline)
          --rate N              counter actions per second, sent one after another (default 4)
          --actions N           measured actions (default 240: a minute at 4/s)
          --warmup-actions N    actions before the measured ones, not counted (default 30)
          --prefill N           tickets issued before the consoles open (default 80)
          --drain S             seconds a console may still deliver after the last action (default 3)
          --server-dll PATH     queue-server dll (default: the Release build in this repo)
          --server-env KEY=VAL  extra environment for queue-server (repeatable; diagnostics only)
        """;

    /// <summary>Parses the arguments after <c>consoles</c>; null and an error (null for --help) when the run should not start.</summary>
    public static ConsoleOptions? Parse(IReadOnlyList<string> args, out string? error) =>
        OptionArgs.Parse(args, new ConsoleOptions(), static (o, name, value) => name switch
        {
            "--consoles" => o with { Consoles = (int)OptionArgs.Number(value, 0, 1000) },
            "--rate" => o with { Rate = OptionArgs.Number(value, 0.1, 50) },
            "--actions" => o with { Actions = (int)OptionArgs.Number(value, 1, 100_000) },
            "--warmup-actions" => o with { WarmupActions = (int)OptionArgs.Number(value, 0, 10_000) },
            "--prefill" => o with { Prefill = (int)OptionArgs.Number(value, 0, 20_000) },
            "--drain" => o with { Drain = TimeSpan.FromSeconds(OptionArgs.Number(value, 0.5, 60)) },
            "--server-dll" => o with { ServerDll = value },
            "--server-env" => o with { ServerEnvironment = [.. o.ServerEnvironment, OptionArgs.EnvPair(value)] },
            _ => throw OptionArgs.Unknown(name),
        }, out error);
}
