using System.Diagnostics;
using System.Globalization;
using HallDevices.Contracts;

namespace HallDevices.LoadGen.Consoles;

/// <summary>One counter action as it was sent and answered.</summary>
/// <param name="Index">Position in the run (warm-up first).</param>
/// <param name="Kind"><c>issue</c>, <c>call-next</c> or <c>finish</c>.</param>
/// <param name="Who">Who sent it: the integrator or the window staff at the counter.</param>
/// <param name="CounterId">The counter (for an issue: the one it is meant for).</param>
/// <param name="Warmup">Not counted.</param>
/// <param name="DueTicks">Stopwatch time it was scheduled for.</param>
/// <param name="SentTicks">Stopwatch time just before its HTTP request was handed to HttpClient: latency starts here.</param>
/// <param name="RepliedTicks">Stopwatch time its reply was read.</param>
/// <param name="TicketNumber">The ticket the reply names (issued, called, finished).</param>
/// <param name="Error">The refusal code or the failure, when there is no effect to wait for.</param>
internal sealed record ActionRecord(int Index, string Kind, string Who, string CounterId, bool Warmup, long DueTicks, long SentTicks, long RepliedTicks, string? TicketNumber, string? Error)
{
    /// <summary>The hall event this action's change is recognised by in the event log.</summary>
    public string KeyEventType => Kind switch
    {
        "issue" => EventTypes.TicketIssued,
        "call-next" => EventTypes.TicketCalled,
        _ => EventTypes.TicketFinished,
    };
}

/// <summary>
/// The hall's work during the run, over HTTP as the consoles and an online platform send it: the
/// integrator issues a ticket for a counter, the window staff signed in there calls next, then
/// finishes, counter after counter (w1..w6, each worked by its own staff-wN session). Actions go
/// one after another at a fixed schedule (each one needs the previous: a call needs a ticket, a
/// finish a call); one is late only if the previous reply was.
/// </summary>
internal sealed class CounterActions(string hallId, IReadOnlyList<(string CounterId, HallSession Staff)> counters, HallSession integrator, TimeSpan timeout)
{
    /// <summary>The service issued for each counter: one of a queue it serves; ID-card services get a unique synthetic ID number.</summary>
    private static readonly Dictionary<string, (string ServiceId, bool NeedsId)> ServiceFor = new(StringComparer.Ordinal)
    {
        ["w1"] = ("medical-insurance", true),
        ["w2"] = ("medical-insurance", true),
        ["w3"] = ("elderly-allowance", true),
        ["w4"] = ("residence-permit", true),
        ["w5"] = ("consultation", false),
        ["w6"] = ("consultation", false),
    };

    private static readonly string[] Kinds = ["issue", "call-next", "finish"];
    private long _idNumbers;

    /// <summary>Signs each staff member in at their counter (the console's first step).</summary>
    public async Task LoginAsync(CancellationToken ct)
    {
        foreach (var (counterId, staff) in counters)
        {
            var reply = await staff.PostAsync($"/api/halls/{hallId}/counters/{counterId}/login", new CounterRequest(), timeout, ct);
            if (!reply.Ok)
            {
                throw new InvalidOperationException($"login of {staff.Who} at {counterId}: {reply.Error?.Code} {reply.Error?.Message}");
            }
        }
    }

    /// <summary>Issues <paramref name="count"/> tickets over the counters' services, as fast as answered (not measured).</summary>
    public async Task PrefillAsync(int count, CancellationToken ct)
    {
        for (var i = 0; i < count; i++)
        {
            var reply = await IssueAsync(counters[i % counters.Count].CounterId, ct);
            if (!reply.Ok)
            {
                throw new InvalidOperationException($"prefill ticket {i}: {reply.Error?.Code} {reply.Error?.Message}");
            }
        }
    }

    /// <summary>Runs <paramref name="warmup"/> + <paramref name="measured"/> actions at <paramref name="rate"/> per second.</summary>
    public async Task<List<ActionRecord>> RunAsync(int warmup, int measured, double rate, CancellationToken ct)
    {
        var total = warmup + measured;
        var records = new List<ActionRecord>(total);
        var ticksPerAction = Stopwatch.Frequency / rate;
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < total; i++)
        {
            var due = start + (long)(i * ticksPerAction);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, ct);
            }

            var round = i / Kinds.Length;
            var kind = Kinds[i % Kinds.Length];
            var (counterId, staff) = counters[round % counters.Count];
            var who = kind == "issue" ? integrator.Who : staff.Who;
            var sent = Stopwatch.GetTimestamp();
            string? number = null;
            string? error = null;
            try
            {
                var reply = kind == "issue"
                    ? await IssueAsync(counterId, ct)
                    : await staff.PostAsync($"/api/halls/{hallId}/counters/{counterId}/{kind}", new CounterRequest(), timeout, ct);
                number = reply.Ticket?.Number;
                error = reply.Ok ? (number is null ? "no-ticket" : null) : reply.Error?.Code ?? "refused";
            }
            catch (Exception e) when (e is HttpRequestException or IOException || (e is OperationCanceledException && !ct.IsCancellationRequested))
            {
                error = e is OperationCanceledException ? "timeout" : "failed: " + e.Message;
            }

            records.Add(new ActionRecord(i, kind, who, counterId, i < warmup, due, sent, Stopwatch.GetTimestamp(), number, error));
        }

        return records;
    }

    private Task<Reply> IssueAsync(string counterId, CancellationToken ct)
    {
        var (serviceId, needsId) = ServiceFor[counterId];
        var id = Interlocked.Increment(ref _idNumbers);
        var request = new TicketRequest
        {
            ServiceId = serviceId,
            Channel = "mobile",
            IdNumber = needsId ? "9" + id.ToString("D16", CultureInfo.InvariantCulture) + "X" : null,
        };
        return integrator.PostAsync($"/api/halls/{hallId}/tickets", request, timeout, ct);
    }
}
