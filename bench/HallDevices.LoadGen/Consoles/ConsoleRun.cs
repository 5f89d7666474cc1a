namespace HallDevices.LoadGen.Consoles;

/// <summary>Everything one <c>consoles</c> run measured; a figure it did not get stays null.</summary>
internal sealed class ConsoleRun(ConsoleOptions options)
{
    public ConsoleOptions Options { get; } = options;

    public string LoadBefore { get; set; } = "?";

    public string LoadAfter { get; set; } = "?";

    public ServerMemory? MemoryWithout { get; set; }

    public ServerMemory? MemoryWith { get; set; }

    public ServerMemory? MemoryAtEnd { get; set; }

    public double? PeakRssMiB { get; set; }

    public int SnapshotBytes { get; set; }

    public int SnapshotsReceived { get; set; }

    public IReadOnlyList<ActionRecord> Actions { get; set; } = [];

    public double ActionSeconds { get; set; }

    public PushResult? Push { get; set; }

    /// <summary>Cores' worth of CPU the server used from the first action to the end of the drain.</summary>
    public double? ServerCpuCores { get; set; }

    /// <summary>Cores' worth of CPU other processes (not the load generator, not the server) used meanwhile.</summary>
    public double? OtherCpuCores { get; set; }

    /// <summary>The server's garbage collections in the same window and the time they paused it.</summary>
    public (double Collections, double PausedMs)? Gc { get; set; }

    public List<string> ConsoleFailures { get; set; } = [];
}
