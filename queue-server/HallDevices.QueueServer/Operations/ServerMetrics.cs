using System.Globalization;
using System.Text;

namespace HallDevices.QueueServer;

/// <summary>
/// The server's Prometheus metrics (<c>GET /metrics</c>, text format 0.0.4). A handful of
/// counters and one histogram do not justify a metrics library.
/// </summary>
public sealed class ServerMetrics
{
    private static readonly double[] Buckets = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Kind, string Outcome), long> _requests = [];
    private readonly Dictionary<string, long[]> _latency = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _latencySum = new(StringComparer.Ordinal);
    private long _ticketsIssued;
    private long _calls;
    private long _clients;
    private long _aclDenied;
    private long _unanswerable;

    /// <summary>A ticket was issued.</summary>
    public void TicketIssued() => Interlocked.Increment(ref _ticketsIssued);

    /// <summary>A ticket was called.</summary>
    public void TicketCalled() => Interlocked.Increment(ref _calls);

    /// <summary>A client connected to the embedded broker.</summary>
    public void ClientConnected() => Interlocked.Increment(ref _clients);

    /// <summary>A client left the embedded broker.</summary>
    public void ClientDisconnected() => Interlocked.Decrement(ref _clients);

    /// <summary>The broker refused a publish or subscribe.</summary>
    public void AclDenied() => Interlocked.Increment(ref _aclDenied);

    /// <summary>A request could not be answered because it named no reply topic.</summary>
    public void Unanswerable() => Interlocked.Increment(ref _unanswerable);

    /// <summary>Counts a handled request and its latency.</summary>
    public void Request(string kind, string outcome, TimeSpan elapsed)
    {
        lock (_gate)
        {
            _requests[(kind, outcome)] = _requests.GetValueOrDefault((kind, outcome)) + 1;
            if (!_latency.TryGetValue(kind, out var counts))
            {
                counts = new long[Buckets.Length + 1];
                _latency[kind] = counts;
            }

            var seconds = elapsed.TotalSeconds;
            var i = 0;
            while (i < Buckets.Length && seconds > Buckets[i])
            {
                i++;
            }

            counts[i]++;
            _latencySum[kind] = _latencySum.GetValueOrDefault(kind) + seconds;
        }
    }

    /// <summary>Clients connected to the embedded broker now.</summary>
    public long ConnectedClients => Interlocked.Read(ref _clients);

    /// <summary>Renders the Prometheus text format, with each hall's store figures.</summary>
    public string Render(IEnumerable<StoreFigures>? stores = null)
    {
        var sb = new StringBuilder();
        void Line(string text) => sb.Append(text).Append('\n');
        string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);

        Line("# HELP hall_tickets_issued_total Tickets issued.");
        Line("# TYPE hall_tickets_issued_total counter");
        Line($"hall_tickets_issued_total {Interlocked.Read(ref _ticketsIssued)}");
        Line("# HELP hall_calls_total Tickets called to a counter.");
        Line("# TYPE hall_calls_total counter");
        Line($"hall_calls_total {Interlocked.Read(ref _calls)}");
        Line("# HELP hall_mqtt_connected_clients Clients connected to the embedded broker.");
        Line("# TYPE hall_mqtt_connected_clients gauge");
        Line($"hall_mqtt_connected_clients {ConnectedClients}");
        Line("# HELP hall_mqtt_acl_denied_total Publishes and subscriptions refused by the broker ACL.");
        Line("# TYPE hall_mqtt_acl_denied_total counter");
        Line($"hall_mqtt_acl_denied_total {Interlocked.Read(ref _aclDenied)}");
        Line("# HELP hall_requests_unanswerable_total Requests dropped because they named no reply topic.");
        Line("# TYPE hall_requests_unanswerable_total counter");
        Line($"hall_requests_unanswerable_total {Interlocked.Read(ref _unanswerable)}");
        Line("# HELP hall_store_backlog Changes answered and in the hall's journal but not yet in its database.");
        Line("# TYPE hall_store_backlog gauge");
        foreach (var store in stores ?? [])
        {
            Line($"hall_store_backlog{{hall=\"{store.HallId}\"}} {store.Backlog}");
        }

        // Growing under steady load means the idle-priority writer is starved of CPU time (HallStore's remarks).
        Line("# HELP hall_store_catch_up_writes_total Changes written to the hall's database at normal priority: the first batch, and whenever the idle-priority writer fell behind, a reader waited or the server stopped.");
        Line("# TYPE hall_store_catch_up_writes_total counter");
        foreach (var store in stores ?? [])
        {
            Line($"hall_store_catch_up_writes_total{{hall=\"{store.HallId}\"}} {store.CatchUpWrites}");
        }

        // Memory as the operator's dashboards know it (the issue's budget is on the resident set).
        var gc = GC.GetGCMemoryInfo();
        Line("# HELP process_resident_memory_bytes Resident memory size in bytes.");
        Line("# TYPE process_resident_memory_bytes gauge");
        Line($"process_resident_memory_bytes {Environment.WorkingSet}");
        Line("# HELP dotnet_gc_heap_size_bytes Managed heap size after the last collection.");
        Line("# TYPE dotnet_gc_heap_size_bytes gauge");
        Line($"dotnet_gc_heap_size_bytes {gc.HeapSizeBytes}");
        Line("# HELP dotnet_gc_committed_bytes Memory committed by the garbage collector.");
        Line("# TYPE dotnet_gc_committed_bytes gauge");
        Line($"dotnet_gc_committed_bytes {gc.TotalCommittedBytes}");

        // Every collection stops all threads, the embedded broker's included, so a request that
        // meets one waits it out: these two put the pauses beside the request latency histogram.
        // CollectionCount(n) counts collections of generation n or higher; each is shown once here.
        // A collection ending between the reads would count one too many under a younger
        // generation and one fewer at the next scrape (a counter going down); read until none did.
        int gen0, gen1, gen2;
        do
        {
            gen2 = GC.CollectionCount(2);
            gen1 = GC.CollectionCount(1);
            gen0 = GC.CollectionCount(0);
        }
        while (gen2 != GC.CollectionCount(2) || gen1 != GC.CollectionCount(1));
        Line("# HELP dotnet_gc_collections_total Garbage collections since start, by the generation collected.");
        Line("# TYPE dotnet_gc_collections_total counter");
        Line($"dotnet_gc_collections_total{{generation=\"0\"}} {gen0 - gen1}");
        Line($"dotnet_gc_collections_total{{generation=\"1\"}} {gen1 - gen2}");
        Line($"dotnet_gc_collections_total{{generation=\"2\"}} {gen2}");
        Line("# HELP dotnet_gc_pause_seconds_total Time all threads were paused for garbage collection since start.");
        Line("# TYPE dotnet_gc_pause_seconds_total counter");
        Line($"dotnet_gc_pause_seconds_total {F(GC.GetTotalPauseDuration().TotalSeconds)}");
        lock (_gate)
        {
            Line("# HELP hall_requests_total Requests handled, by kind and outcome (ok or the error code).");
            Line("# TYPE hall_requests_total counter");
            foreach (var ((kind, outcome), n) in _requests.OrderBy(r => r.Key.Kind, StringComparer.Ordinal).ThenBy(r => r.Key.Outcome, StringComparer.Ordinal))
            {
                Line($"hall_requests_total{{kind=\"{kind}\",outcome=\"{outcome}\"}} {n}");
            }

            Line("# HELP hall_request_duration_seconds Time from receiving a request to its committed answer.");
            Line("# TYPE hall_request_duration_seconds histogram");
            foreach (var (kind, counts) in _latency.OrderBy(l => l.Key, StringComparer.Ordinal))
            {
                long cumulative = 0;
                for (var i = 0; i < Buckets.Length; i++)
                {
                    cumulative += counts[i];
                    Line($"hall_request_duration_seconds_bucket{{kind=\"{kind}\",le=\"{F(Buckets[i])}\"}} {cumulative}");
                }

                cumulative += counts[^1];
                Line($"hall_request_duration_seconds_bucket{{kind=\"{kind}\",le=\"+Inf\"}} {cumulative}");
                Line($"hall_request_duration_seconds_sum{{kind=\"{kind}\"}} {F(_latencySum[kind])}");
                Line($"hall_request_duration_seconds_count{{kind=\"{kind}\"}} {cumulative}");
            }
        }

        return sb.ToString();
    }
}

/// <summary>One hall store's figures for <c>/metrics</c>.</summary>
/// <param name="HallId">The hall.</param>
/// <param name="Backlog">Changes in the journal but not yet in the database.</param>
/// <param name="CatchUpWrites">Changes the catch-up thread wrote at normal priority since start.</param>
public sealed record StoreFigures(string HallId, long Backlog, long CatchUpWrites);
