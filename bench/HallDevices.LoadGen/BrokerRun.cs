namespace HallDevices.LoadGen;

/// <summary>Everything measured against one broker; a phase that failed leaves its figure null and says why.</summary>
internal sealed class BrokerResult(BrokerKind kind)
{
    public BrokerKind Kind { get; } = kind;

    public LatencySummary? RawRoundTrip { get; set; }

    public LatencySummary? RawRoundTripPaced { get; set; }

    public PacedResult? Paced { get; set; }

    public MemoryResult? Memory { get; set; }

    public ThroughputResult? Throughput { get; set; }

    public double? ServerRssAtStart { get; set; }

    public double? ServerRssAtEnd { get; set; }

    public double? ServerPeakRss { get; set; }

    public double? OtherCpuCores { get; set; }

    public List<string> Failures { get; } = [];
}

/// <summary>
/// One broker's run: (Mosquitto +) a fresh queue-server on a fresh data folder, then the phases in
/// order — raw broker round trip, paced kiosks and counters, idle clients' memory, sustained
/// issues — and teardown whatever happened.
/// </summary>
internal static class BrokerRun
{
    private const int PacedRttSamples = 400;

    public static async Task<BrokerResult> RunAsync(LoadOptions o, BrokerKind kind, string serverDll, AccountBook accounts, CancellationToken ct)
    {
        var result = new BrokerResult(kind);
        var cpu = new CpuAccount();
        MosquittoBroker? mosquitto = null;
        QueueServerProcess? server = null;
        try
        {
            int port;
            if (kind == BrokerKind.Mosquitto)
            {
                mosquitto = await MosquittoBroker.StartAsync(o, accounts.All.Append(accounts.Server), ct);
                port = mosquitto.Port;
                Log(kind, $"mosquitto pid {mosquitto.Pid} on 127.0.0.1:{port} (max_queued_messages {o.MosquittoMaxQueued}, set_tcp_nodelay true)");
                server = await QueueServerProcess.StartAsync(serverDll, new ServerBroker(kind, port, accounts.Server), o.ServerEnvironment, ct);
            }
            else
            {
                port = Ports.Free();
                server = await QueueServerProcess.StartAsync(serverDll, new ServerBroker(kind, port, null), o.ServerEnvironment, ct);
            }

            Log(kind, $"queue-server pid {server.Pid}, HTTP {server.BaseUri}, MQTT 127.0.0.1:{port}");
            await using (var probe = await HallRequester.ConnectAsync(port, accounts, "lg-probe", 1, [], o.RequestTimeout, ct))
            {
                await probe.WaitServerAnswersAsync(TimeSpan.FromSeconds(20), ct);
            }

            result.ServerRssAtStart = server.RssMiB();
            await Phase(result, "raw round trip", server, async () =>
            {
                result.RawRoundTrip = await RawRoundTrip.MeasureAsync(port, accounts.Display, o.RttSamples, TimeSpan.Zero, ct);
                Log(kind, $"raw QoS 1 round trip, back to back: {Format.Latency(result.RawRoundTrip)}");
                var gap = TimeSpan.FromSeconds(1 / o.TicketRate);
                result.RawRoundTripPaced = await RawRoundTrip.MeasureAsync(port, accounts.Display, PacedRttSamples, gap, ct);
                Log(kind, $"raw QoS 1 round trip, one every {gap.TotalMilliseconds:0.#} ms: {Format.Latency(result.RawRoundTripPaced)}");
            }, ct);
            await Phase(result, "paced", server, async () =>
            {
                Log(kind, $"paced: {o.Kiosks} kiosks at {o.TicketRate:0}/s, {o.Counters} counters at {o.CallRate:0}/s, {o.Warmup.TotalSeconds:0} s warm-up + {o.PacedDuration.TotalSeconds:0} s");
                var p = await PacedPhase.RunAsync(o, port, accounts, server, ct);
                result.Paced = p;
                Log(kind, $"paced: {p.TicketsPerSecond:0.0} tickets/s, {p.CallsPerSecond:0.0} calls/s, ticket {Format.Latency(p.Ticket)} (off the wire {Format.Latency(p.TicketArrival)}), call-next {Format.Latency(p.CallNext)}, problems: {p.TicketProblems} / {p.CallProblems}");
                Log(kind, $"paced: server's own ticket handling {p.ServerTicket?.ToString() ?? "—"}; server GC {p.ServerGc?.ToString() ?? "—"}; pacer lag p99 {Format.Ms(p.Lag.P99)} ms");
            }, ct);
            await Phase(result, "idle clients", server, async () =>
            {
                Log(kind, $"memory: connecting {o.IdleClients} idle clients");
                var m = await IdleClientsPhase.RunAsync(o, port, accounts, server, mosquitto?.Pid, ct);
                result.Memory = m;
                Log(kind, $"memory: {m.Connected}/{m.Wanted} connected, server RSS {Format.Mb(m.ServerBefore)} → {Format.Mb(m.ServerWith)} (anon {Format.Mb(m.ServerAnon)}, file {Format.Mb(m.ServerFile)}, shmem {Format.Mb(m.ServerShmem)})" +
                    (mosquitto is null ? "" : $", mosquitto RSS {Format.Mb(m.BrokerBefore)} → {Format.Mb(m.BrokerWith)}") + $", problems: {m.Problems}");
            }, ct);
            await Phase(result, "throughput", server, async () =>
            {
                Log(kind, $"sustained: {o.ThroughputKiosks} kiosks × {o.Window} in flight for {o.ThroughputDuration.TotalSeconds:0} s");
                var t = await ThroughputPhase.RunAsync(o, port, accounts, server, ct);
                result.Throughput = t;
                Log(kind, $"sustained: {t.TicketsPerSecond:0} tickets/s ({t.Issued} in {t.Seconds:0.0} s, server counted {t.ServerCounted:0}), {Format.Latency(t.Latency)}, problems: {t.Problems}");
            }, ct);
            result.OtherCpuCores = cpu.OtherCores(server.Pid, mosquitto?.Pid);
            Log(kind, $"CPU used by processes not of this run: {result.OtherCpuCores:0.00} cores of {Environment.ProcessorCount} (anything above ~0.1 skews the figures)");
            result.ServerRssAtEnd = server.RssMiB();
            result.ServerPeakRss = ProcMemory.PeakRssMiB(server.Pid);
            if (server.HasExited)
            {
                result.Failures.Add($"queue-server exited during the run ({server.ExitDescription}); its last output:\n{server.Output}");
            }
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or IOException or MQTTnet.Exceptions.MqttCommunicationException)
        {
            result.Failures.Add($"setup: {e.Message}");
            if (server is not null)
            {
                result.Failures.Add($"queue-server output:\n{server.Output}");
            }

            if (mosquitto is not null)
            {
                result.Failures.Add($"mosquitto output:\n{mosquitto.Output}");
            }
        }
        finally
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }

            if (mosquitto is not null)
            {
                await mosquitto.DisposeAsync();
            }
        }

        return result;
    }

    private static async Task Phase(BrokerResult result, string name, QueueServerProcess server, Func<Task> run, CancellationToken ct)
    {
        if (server.HasExited)
        {
            result.Failures.Add($"{name}: skipped, queue-server is gone ({server.ExitDescription})");
            return;
        }

        try
        {
            await run();
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or IOException or MQTTnet.Exceptions.MqttCommunicationException
                                  || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            result.Failures.Add($"{name}: {e.GetType().Name}: {e.Message}");
            Log(result.Kind, $"{name} FAILED: {e.Message}");
        }
    }

    private static void Log(BrokerKind kind, string text) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {kind.ToString().ToLowerInvariant(),-9} {text}");
}
