using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using HallDevices.Contracts;
using HallDevices.Messaging;

namespace HallDevices.LoadGen;

/// <summary>What one request came back with.</summary>
/// <param name="Outcome"><c>ok</c>, the error code, <c>timeout</c> or <c>failed:...</c>.</param>
/// <param name="HasTicket">The reply carried a ticket (a call-next that found nobody has none).</param>
/// <param name="ElapsedTicks">Stopwatch ticks from the send to the awaiting code resuming with the reply; 0 without a reply.</param>
/// <param name="ArrivalTicks">Stopwatch ticks from the send to the reply coming off the connection (the client's MQTT callback), before the hop to the awaiting code.</param>
internal readonly record struct RequestResult(string Outcome, bool HasTicket, long ElapsedTicks, long ArrivalTicks = 0)
{
    public bool Answered => ElapsedTicks > 0;
}

/// <summary>
/// Simulated kiosks and counters: each one its own <see cref="HallMqttClient"/> (own client id,
/// MQTT 5 request/response), sending contract v1 requests with unique request ids.
/// </summary>
internal sealed class HallRequester : IAsyncDisposable
{
    /// <summary>
    /// Services that need no capacity check, one per queue of the sample hall, so every counter
    /// has someone to call. Those needing an ID card get a unique synthetic ID number per request
    /// (never a daily-limit refusal, and the server's keyed hash is on the path as in a real hall).
    /// </summary>
    private static readonly (string ServiceId, bool NeedsId)[] Services =
    [
        ("medical-insurance", true), ("elderly-allowance", true), ("residence-permit", true), ("consultation", false),
    ];

    private static long _sequence;
    private readonly string _runTag = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
    private readonly List<(HallMqttClient Client, string DeviceId)> _kiosks = [];
    private readonly List<(HallMqttClient Client, string CounterId)> _counters = [];
    private readonly TimeSpan _timeout;
    private readonly string _ticketTopic = Topics.TicketRequest(AccountBook.HallId);
    private readonly string _counterTopic = Topics.CounterRequest(AccountBook.HallId);

    private HallRequester(TimeSpan timeout) => _timeout = timeout;

    public int KioskCount => _kiosks.Count;

    public int CounterCount => _counters.Count;

    public IReadOnlyList<string> CounterIds => _counters.Select(c => c.CounterId).ToList();

    /// <summary>Connects <paramref name="kiosks"/> kiosk clients and one client per counter, all within 20 s.</summary>
    public static async Task<HallRequester> ConnectAsync(int port, AccountBook accounts, string prefix, int kiosks, IEnumerable<string> counters, TimeSpan timeout, CancellationToken ct)
    {
        var requester = new HallRequester(timeout);
        try
        {
            for (var i = 0; i < kiosks; i++)
            {
                var login = accounts.Kiosks[i % accounts.Kiosks.Count];
                requester._kiosks.Add((Create(port, $"{prefix}-kiosk-{i:000}", login, timeout), login.Username));
            }

            foreach (var counter in counters)
            {
                requester._counters.Add((Create(port, $"{prefix}-counter-{counter}", accounts.Display, timeout), counter));
            }

            var all = requester._kiosks.Select(k => k.Client).Concat(requester._counters.Select(c => c.Client)).ToList();
            foreach (var client in all)
            {
                await client.StartAsync(ct);
            }

            await Task.WhenAll(all.Select(c => c.WaitUntilConnectedAsync(TimeSpan.FromSeconds(20), ct)));
            return requester;
        }
        catch
        {
            await requester.DisposeAsync();
            throw;
        }
    }

    /// <summary>Asks for a ticket from kiosk <c>n mod kiosks</c>.</summary>
    public Task<RequestResult> TicketAsync(long n, CancellationToken ct)
    {
        var (client, deviceId) = _kiosks[(int)(n % _kiosks.Count)];
        var seq = Interlocked.Increment(ref _sequence);
        var (serviceId, needsId) = Services[seq % Services.Length];
        var request = new TicketRequest
        {
            RequestId = $"lg-{_runTag}-t{seq}",
            ServiceId = serviceId,
            Channel = "kiosk",
            DeviceId = deviceId,
            IdNumber = needsId ? "9" + seq.ToString("D16", CultureInfo.InvariantCulture) + "X" : null,
        };
        return SendAsync(client, _ticketTopic, ContractJson.SerializeToUtf8Bytes(request), ct);
    }

    /// <summary>Sends a counter action from counter <c>n mod counters</c>.</summary>
    public Task<RequestResult> CounterAsync(long n, string action, CancellationToken ct)
    {
        var (client, counterId) = _counters[(int)(n % _counters.Count)];
        var request = new CounterRequest
        {
            RequestId = $"lg-{_runTag}-c{Interlocked.Increment(ref _sequence)}",
            CounterId = counterId,
            Action = action,
            StaffId = action == "login" ? $"loadgen-{counterId}" : null,
        };
        return SendAsync(client, _counterTopic, ContractJson.SerializeToUtf8Bytes(request), ct);
    }

    /// <summary>Waits until the server answers a ticket request (a refused one: no ticket is issued), at most <paramref name="within"/>.</summary>
    public async Task WaitServerAnswersAsync(TimeSpan within, CancellationToken ct)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(within.TotalSeconds * Stopwatch.Frequency);
        var (client, deviceId) = _kiosks[0];
        while (Stopwatch.GetTimestamp() < deadline)
        {
            var probe = new TicketRequest { RequestId = $"lg-{_runTag}-probe{Interlocked.Increment(ref _sequence)}", ServiceId = "loadgen-probe", Channel = "kiosk", DeviceId = deviceId };
            var result = await SendAsync(client, _ticketTopic, ContractJson.SerializeToUtf8Bytes(probe), ct, TimeSpan.FromSeconds(1));
            if (result.Answered)
            {
                return;
            }
        }

        throw new TimeoutException($"queue-server answered no ticket request within {within.TotalSeconds} s");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _kiosks.Select(k => k.Client).Concat(_counters.Select(c => c.Client)))
        {
            await client.DisposeAsync();
        }

        _kiosks.Clear();
        _counters.Clear();
    }

    private static HallMqttClient Create(int port, string clientId, MqttLogin login, TimeSpan timeout) => new(new MqttConnectionOptions
    {
        Host = "127.0.0.1",
        Port = port,
        ClientId = clientId,
        Username = login.Username,
        Password = login.Password,
        ProtocolVersion = "5",
        RequestTimeout = timeout,
        PublishTimeout = timeout,
        KeepAlive = TimeSpan.FromSeconds(30),
    });

    private async Task<RequestResult> SendAsync(HallMqttClient client, string topic, byte[] payload, CancellationToken ct, TimeSpan? timeout = null)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var reply = await client.RequestAsync(topic, payload, timeout ?? _timeout, ct);
            var elapsed = Stopwatch.GetTimestamp() - started;
            return Classify(reply.Payload.Span, Math.Max(1, elapsed)) with { ArrivalTicks = Math.Max(1, reply.ReceivedTimestamp - started) };
        }
        catch (MqttRequestTimeoutException)
        {
            return new RequestResult("timeout", false, 0);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return new RequestResult("cancelled", false, 0);
        }
        catch (Exception e) when (e is MqttOperationRejectedException or MqttDeliveryTimeoutException or InvalidOperationException)
        {
            return new RequestResult("failed:" + e.GetType().Name, false, 0);
        }
    }

    private static RequestResult Classify(ReadOnlySpan<byte> reply, long elapsed)
    {
        try
        {
            var answer = ContractJson.Deserialize<Reply>(reply);
            return answer is { Ok: true }
                ? new RequestResult("ok", answer.Ticket is not null, elapsed)
                : new RequestResult(answer?.Error?.Code ?? "malformed-reply", false, elapsed);
        }
        catch (JsonException)
        {
            return new RequestResult("malformed-reply", false, elapsed);
        }
    }
}
