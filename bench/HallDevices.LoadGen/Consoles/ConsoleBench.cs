using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace HallDevices.LoadGen.Consoles;

/// <summary>
/// The <c>consoles</c> mode: a fresh Release queue-server, N staff consoles' live feeds open on
/// N sessions signed in through the login form, counter actions at a fixed pace, and for every
/// (action × console) the time from sending the action to that console receiving the first
/// snapshot that contains it; the server's memory with no feed and with N feeds open.
/// </summary>
internal static class ConsoleBench
{
    private const string HallId = "xinqiao";

    /// <summary>Window staff w1..w6 work counters w1..w6 (and watch their own feed); further consoles go round these and the hall manager.</summary>
    private static readonly string[] Counters = ["w1", "w2", "w3", "w4", "w5", "w6"];
    private static readonly string[] ViewerAccounts = ["staff-w1", "staff-w2", "staff-w3", "staff-w4", "staff-w5", "staff-w6", "manager"];
    private static readonly TimeSpan OpenTimeout = TimeSpan.FromSeconds(30);

    public static async Task<int> RunAsync(ConsoleOptions o, CancellationToken ct)
    {
        var dll = o.ServerDll ?? Path.Combine(LoadGenApp.RepoRoot(), "queue-server", "HallDevices.QueueServer", "bin", "Release", "net10.0", "HallDevices.QueueServer.dll");
        if (!File.Exists(dll))
        {
            await Console.Error.WriteLineAsync($"loadgen: queue-server is not built at {dll}; run: dotnet build -c Release queue-server/HallDevices.QueueServer");
            return 2;
        }

        var run = new ConsoleRun(o) { LoadBefore = LoadAverage() };
        Log($"queue-server: {dll}");
        Log($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}; load average {run.LoadBefore}");
        foreach (var (key, value) in o.ServerEnvironment)
        {
            Log($"queue-server extra environment: {key}={value} (diagnostic run, not the server's defaults)");
        }

        var sessions = new List<HallSession>();
        var consoles = new List<LiveConsole>();
        HallSession? integrator = null;
        await using var server = await QueueServerProcess.StartAsync(dll, new ServerBroker(BrokerKind.Embedded, Ports.Free(), null), o.ServerEnvironment, ct);
        try
        {
            Log($"queue-server pid {server.Pid}, HTTP {server.BaseUri}");
            var signInStarted = Stopwatch.GetTimestamp();
            integrator = HallSession.Integrator(server.BaseUri);
            var actors = new List<(string CounterId, HallSession Staff)>();
            foreach (var counter in Counters)
            {
                var staff = await HallSession.SignInAsync(server.BaseUri, "staff-" + counter, o.RequestTimeout, ct);
                sessions.Add(staff);
                actors.Add((counter, staff));
            }

            for (var i = actors.Count; i < o.Consoles; i++)
            {
                sessions.Add(await HallSession.SignInAsync(server.BaseUri, ViewerAccounts[(i - actors.Count) % ViewerAccounts.Length], o.RequestTimeout, ct));
            }

            Log($"{sessions.Count} sessions signed in through /staff/login in {Stopwatch.GetElapsedTime(signInStarted).TotalSeconds:0.0} s ({string.Join(", ", sessions.GroupBy(s => s.Who).Select(g => $"{g.Key}×{g.Count()}"))})");

            var actions = new CounterActions(HallId, actors, integrator, o.RequestTimeout);
            await actions.LoginAsync(ct);
            await actions.PrefillAsync(o.Prefill, ct);
            Log($"counters w1-w6 signed in by staff-w1..w6, {o.Prefill} tickets waiting");

            await Task.Delay(TimeSpan.FromSeconds(2), ct);
            run.MemoryWithout = await ServerMemory.SampleAsync(server, ct);
            Log($"memory, no console open: {run.MemoryWithout}");

            // Each console its own session (a browser per console); the first six are the staff working the counters.
            var openStarted = Stopwatch.GetTimestamp();
            for (var i = 0; i < o.Consoles; i++)
            {
                consoles.Add(new LiveConsole(i, sessions[i]));
            }

            foreach (var batch in consoles.Chunk(10))
            {
                await Task.WhenAll(batch.Select(c => c.OpenAsync(HallId, OpenTimeout, ct)));
            }

            run.SnapshotBytes = consoles.Count > 0 ? consoles[0].Arrivals[0].Bytes : 0;
            Log($"{consoles.Count} live feeds open in {Stopwatch.GetElapsedTime(openStarted).TotalSeconds:0.0} s, first snapshot {run.SnapshotBytes} bytes");
            await Task.Delay(TimeSpan.FromSeconds(2), ct);
            run.MemoryWith = await ServerMemory.SampleAsync(server, ct);
            Log($"memory, {consoles.Count} consoles open: {run.MemoryWith}");

            var cpu = new CpuAccount();
            var serverCpu = CpuAccount.ProcessSeconds(server.Pid);
            var gcBefore = await server.MetricsAsync(ct);
            Log($"actions: {o.WarmupActions} warm-up + {o.Actions} measured at {o.Rate:0.##}/s (issue, call-next, finish per counter in turn)");
            var started = Stopwatch.GetTimestamp();
            using (var watching = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                var watch = WatchAsync(server, watching.Token);
                run.Actions = await actions.RunAsync(o.WarmupActions, o.Actions, o.Rate, ct);
                await watching.CancelAsync();
                await watch;
            }

            run.ActionSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            await Task.Delay(o.Drain, ct);
            run.ServerCpuCores = (CpuAccount.ProcessSeconds(server.Pid) - serverCpu) / Stopwatch.GetElapsedTime(started).TotalSeconds;
            run.OtherCpuCores = cpu.OtherCores(server.Pid);
            run.Gc = GcWindow(gcBefore, await server.MetricsAsync(ct));
            run.MemoryAtEnd = await ServerMemory.SampleAsync(server, ct);
            run.PeakRssMiB = ProcMemory.PeakRssMiB(server.Pid);
            Log($"memory, {consoles.Count} consoles open, after the actions: {run.MemoryAtEnd}; peak RSS {Format.Mb(run.PeakRssMiB)}");

            foreach (var c in consoles)
            {
                await c.StopAsync();
            }

            run.ConsoleFailures.AddRange(consoles.Where(c => c.Failure is not null).Select(c => $"console {c.Index} ({c.Who}): {c.Failure}"));
            run.SnapshotsReceived = consoles.Sum(c => c.Arrivals.Count);
            var failed = run.Actions.Count(a => a.Error is "timeout" || a.Error?.StartsWith("failed", StringComparison.Ordinal) == true);
            if (failed > 0)
            {
                run.ConsoleFailures.Add($"{failed} actions timed out or failed, the first: {run.Actions.First(a => a.Error is "timeout" || a.Error?.StartsWith("failed", StringComparison.Ordinal) == true)}");
            }

            if (!server.HasExited)
            {
                using var events = await EventLogAsync(sessions[0], ct);
                run.Push = PushLatency.Compute(run.Actions, events.RootElement, consoles);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or IOException or TimeoutException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            run.ConsoleFailures.Add($"{e.GetType().Name}: {e.Message}");
        }
        finally
        {
            foreach (var c in consoles)
            {
                await c.DisposeAsync();
            }

            foreach (var s in sessions.Skip(consoles.Count))
            {
                s.Dispose();
            }

            integrator?.Dispose();
        }

        if (server.HasExited)
        {
            run.ConsoleFailures.Add($"queue-server exited during the run ({server.ExitDescription}); its last output:\n{server.Output}");
        }

        run.LoadAfter = LoadAverage();
        Console.WriteLine();
        Console.WriteLine(ConsoleReport.Render(run));
        return run.Push is { Missed: 0 } && run.ConsoleFailures.Count == 0 ? 0 : 1;
    }

    /// <summary>Logs the server's RSS every 15 s while the actions run, and when it is gone.</summary>
    private static async Task WatchAsync(QueueServerProcess server, CancellationToken ct)
    {
        try
        {
            while (!server.HasExited)
            {
                await Task.Delay(TimeSpan.FromSeconds(15), ct);
                Log($"  server RSS {Format.Mb(server.RssMiB())}");
            }

            Log($"  queue-server is gone: {server.ExitDescription}");
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    /// <summary>The hall's whole event log (served from the store's memory), oldest first.</summary>
    private static async Task<JsonDocument> EventLogAsync(HallSession session, CancellationToken ct)
    {
        var all = new List<JsonElement>();
        long after = 0;
        while (true)
        {
            using var page = await session.GetJsonAsync($"/api/halls/{HallId}/events?after={after}&limit=5000", TimeSpan.FromSeconds(30), ct);
            var items = page.RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
            all.AddRange(items);
            if (items.Count < 5000)
            {
                return JsonSerializer.SerializeToDocument(all);
            }

            after = items[^1].GetProperty("sequence").GetInt64();
        }
    }

    private static (double Collections, double PausedMs)? GcWindow(Dictionary<string, double?> before, Dictionary<string, double?> after)
    {
        static double? Collections(Dictionary<string, double?> m) => m.Where(kv => kv.Key.StartsWith("dotnet_gc_collections_total", StringComparison.Ordinal)).Sum(kv => kv.Value);
        var pause = after.GetValueOrDefault("dotnet_gc_pause_seconds_total") - before.GetValueOrDefault("dotnet_gc_pause_seconds_total");
        var n = Collections(after) - Collections(before);
        return n is { } c && pause is { } p ? (c, p * 1000) : null;
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "?";
        }
    }

    private static void Log(string text) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{DateTime.Now:HH:mm:ss}] consoles  {text}"));
}
