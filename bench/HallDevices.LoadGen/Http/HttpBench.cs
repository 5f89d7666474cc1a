using System.Globalization;
using System.Text;

namespace HallDevices.LoadGen.Http;

/// <summary>
/// The <c>http</c> mode: a fresh Release queue-server with the integrators' rate limiter on at a
/// budget above the offered load; remote tickets, then bookings, paced over HTTP with the sample
/// key, each request timed; then a second, small-budget server and a key sent past its budget,
/// counting the 429s with Retry-After, so the figures are known to have gone through the limiter.
/// </summary>
internal static class HttpBench
{
    private const string HallId = "xinqiao";

    public static async Task<int> RunAsync(HttpOptions o, CancellationToken ct)
    {
        var dll = o.ServerDll ?? Path.Combine(LoadGenApp.RepoRoot(), "queue-server", "HallDevices.QueueServer", "bin", "Release", "net10.0", "HallDevices.QueueServer.dll");
        if (!File.Exists(dll))
        {
            await Console.Error.WriteLineAsync($"loadgen: queue-server is not built at {dll}; run: dotnet build -c Release queue-server/HallDevices.QueueServer");
            return 2;
        }

        var run = new HttpRun(o) { LoadBefore = LoadAverage() };
        Log($"queue-server: {dll}");
        Log($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}; load average {run.LoadBefore}");

        // Unique per run, so a request id never repeats one of an earlier run's (the store keeps them).
        var runId = Guid.NewGuid().ToString("N")[..8];
        var burst = HttpOptions.BurstFor(o.LimitPerMinute);
        try
        {
            await using (var server = await StartAsync(dll, o.LimitPerMinute, burst, ct))
            {
                Log($"queue-server pid {server.Pid}, HTTP {server.BaseUri}; Api:RequestsPerMinute={o.LimitPerMinute}, Api:Burst={burst} (the limiter is on, above the offered {o.Rate:0.##}/s)");
                using var client = new IntegratorClient(server.BaseUri, o.Concurrency, o.RequestTimeout);
                var ticket = Tickets(runId);
                var booking = Bookings(o.BookingService);

                // Warm-up of each kind, slower than the measured rate, not counted; then a pause so the bucket is full again.
                var warmRate = Math.Min(o.Rate, 100);
                await HttpPhase.RunAsync("warm-up", client, warmRate, o.Warmup, i => ticket(-1 - i), null, ct);
                await HttpPhase.RunAsync("warm-up", client, warmRate, o.Warmup, booking, null, ct);
                await Task.Delay(TimeSpan.FromSeconds(2), ct);
                Log($"warm-up: {o.Warmup} remote tickets and {o.Warmup} bookings at {warmRate:0.##}/s, not counted");

                Log($"phase 1: {o.Requests} remote tickets at {o.Rate:0.##}/s over {o.Concurrency} connections");
                run.Phases.Add(await HttpPhase.RunAsync("remote tickets", client, o.Rate, o.Requests, ticket, server.Pid, ct));
                Log($"  {Summary(run.Phases[^1])}");
                await Task.Delay(TimeSpan.FromSeconds(2), ct);

                Log($"phase 2: {o.Requests} bookings of {o.BookingService} at {o.Rate:0.##}/s over {o.Concurrency} connections");
                run.Phases.Add(await HttpPhase.RunAsync("bookings", client, o.Rate, o.Requests, booking, server.Pid, ct));
                Log($"  {Summary(run.Phases[^1])}");
                run.ServerRssMiB = server.RssMiB();
                if (server.HasExited)
                {
                    run.Failures.Add($"queue-server exited during the run ({server.ExitDescription}); its last output:\n{server.Output}");
                }
            }

            // The budget is per key but its size is one setting for every key, so the small budget is its own server.
            const int smallBurst = 10;
            await using (var small = await StartAsync(dll, o.SmallLimitPerMinute, smallBurst, ct))
            {
                Log($"phase 3: {o.OverBudgetRequests} remote tickets at {o.OverBudgetRate:0.##}/s against a second queue-server with Api:RequestsPerMinute={o.SmallLimitPerMinute}, Api:Burst={smallBurst}");
                using var client = new IntegratorClient(small.BaseUri, 4, o.RequestTimeout);
                run.OverBudget = await HttpPhase.RunAsync("over budget", client, o.OverBudgetRate, o.OverBudgetRequests, Tickets(runId + "-over"), small.Pid, ct);
                Log($"  {Summary(run.OverBudget)}; {run.OverBudget.RateLimitedWithRetryAfter} of {run.OverBudget.RateLimited} 429s with Retry-After");
            }
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or IOException or TimeoutException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            run.Failures.Add($"{e.GetType().Name}: {e.Message}");
        }

        run.LoadAfter = LoadAverage();
        Console.WriteLine();
        Console.WriteLine(HttpReport.Render(run));
        return run.Passed ? 0 : 1;
    }

    private static Task<QueueServerProcess> StartAsync(string dll, int perMinute, int burst, CancellationToken ct) =>
        QueueServerProcess.StartAsync(dll, new ServerBroker(BrokerKind.Embedded, Ports.Free(), null),
        [
            new("Api__RequestsPerMinute", perMinute.ToString(CultureInfo.InvariantCulture)),
            new("Api__Burst", burst.ToString(CultureInfo.InvariantCulture)),
        ], ct);

    /// <summary>Remote ticket <c>i</c> for the online platform (网上取号), with its own request id.</summary>
    private static Func<long, (string, byte[])> Tickets(string runId) => i =>
        ($"/api/halls/{HallId}/tickets", Encoding.UTF8.GetBytes($$"""{"serviceId":"consultation","channel":"mobile","requestId":"lg-{{runId}}-{{i}}"}"""));

    /// <summary>A booking as the booking site makes it (StaffConsole.BookAppointmentAsync's body: the service only, the default window).</summary>
    private static Func<long, (string, byte[])> Bookings(string serviceId)
    {
        var body = Encoding.UTF8.GetBytes($$"""{"serviceId":"{{serviceId}}"}""");
        return _ => ($"/api/halls/{HallId}/appointments", body);
    }

    private static string Summary(PhaseResult p) =>
        string.Create(CultureInfo.InvariantCulture, $"{p.OkCount}/{p.Samples.Count} ok in {p.Seconds:0.0} s = {p.OkPerSecond:0.0}/s; {p.OkLatency}; {string.Join(", ", p.Outcomes.Select(x => $"{x.Outcome} ×{x.Count}"))}");

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

    private static void Log(string text) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{DateTime.Now:HH:mm:ss}] http  {text}"));
}
