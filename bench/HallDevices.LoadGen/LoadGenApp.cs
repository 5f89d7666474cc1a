namespace HallDevices.LoadGen;

/// <summary>Finds the server build and its sample accounts, runs each broker in turn, prints the table.</summary>
internal static class LoadGenApp
{
    public static async Task<int> RunAsync(LoadOptions o, CancellationToken ct)
    {
        var dll = o.ServerDll ?? Path.Combine(RepoRoot(), "queue-server", "HallDevices.QueueServer", "bin", "Release", "net10.0", "HallDevices.QueueServer.dll");
        if (!File.Exists(dll))
        {
            await Console.Error.WriteLineAsync($"loadgen: queue-server is not built at {dll}; run: dotnet build -c Release queue-server/HallDevices.QueueServer");
            return 2;
        }

        if (o.Brokers.Contains(BrokerKind.Mosquitto) && !File.Exists(o.MosquittoPath))
        {
            await Console.Error.WriteLineAsync($"loadgen: {o.MosquittoPath} not found; install the Debian package mosquitto or pass --brokers embedded");
            return 2;
        }

        var accounts = AccountBook.Load(Path.Combine(Path.GetDirectoryName(dll)!, "appsettings.json"));
        Console.WriteLine($"queue-server: {dll}");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");
        foreach (var (key, value) in o.ServerEnvironment)
        {
            Console.WriteLine($"queue-server extra environment: {key}={value} (diagnostic run, not the server's defaults)");
        }

        var results = new List<BrokerResult>();
        foreach (var kind in o.Brokers)
        {
            ct.ThrowIfCancellationRequested();
            results.Add(await BrokerRun.RunAsync(o, kind, dll, accounts, ct));
        }

        Console.WriteLine();
        Console.WriteLine(Report.Render(o, results));
        return results.All(r => r.Failures.Count == 0) ? 0 : 1;
    }

    /// <summary>The checkout this build is in (the folder with HallDevices.sln), else the working directory.</summary>
    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HallDevices.sln")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
