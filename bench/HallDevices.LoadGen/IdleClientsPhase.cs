using MQTTnet;
using MQTTnet.Protocol;

namespace HallDevices.LoadGen;

/// <summary>Figures of the memory phase.</summary>
internal sealed record MemoryResult(int Connected, int Wanted, double? ServerBefore, double? ServerWith, double? BrokerBefore, double? BrokerWith, double? ServerAnon, double? ServerFile, double? ServerShmem, string Problems);

/// <summary>
/// Server memory with many connected, idle clients: plain MQTTnet clients (kiosk accounts shared,
/// distinct client ids) connect 32 at a time, each subscribes to the hall's retained catalogue as a
/// kiosk does, then stay idle while the server's VmRSS is sampled. For Mosquitto the clients'
/// sessions live in the broker, so its RSS is reported too.
/// </summary>
internal static class IdleClientsPhase
{
    private const int Parallel = 32;

    public static async Task<MemoryResult> RunAsync(LoadOptions o, int port, AccountBook accounts, QueueServerProcess server, int? brokerPid, CancellationToken ct)
    {
        var serverBefore = server.RssMiB();
        var brokerBefore = brokerPid is { } b1 ? ProcMemory.RssMiB(b1) : null;
        var factory = new MqttClientFactory();
        var clients = new IMqttClient[o.IdleClients];
        var problems = new OutcomeTally();
        var connected = 0;
        using var gate = new SemaphoreSlim(Parallel);
        using var phase = CancellationTokenSource.CreateLinkedTokenSource(ct);
        phase.CancelAfter(TimeSpan.FromSeconds(90));
        try
        {
            await Task.WhenAll(Enumerable.Range(0, o.IdleClients).Select(async i =>
            {
                try
                {
                    await gate.WaitAsync(phase.Token);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    problems.Add("not-connected-within-90s");
                    return;
                }

                try
                {
                    var client = factory.CreateMqttClient();
                    clients[i] = client;
                    var login = accounts.Kiosks[i % accounts.Kiosks.Count];
                    await client.ConnectAsync(MqttClients.Options(port, $"lg-idle-{i:0000}", login, TimeSpan.FromMinutes(2)), phase.Token);
                    await client.SubscribeAsync(factory.CreateSubscribeOptionsBuilder().WithTopicFilter($"hall/{AccountBook.HallId}/catalog", MqttQualityOfServiceLevel.AtLeastOnce).Build(), phase.Token);
                    Interlocked.Increment(ref connected);
                }
                catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or InvalidOperationException
                                          || (e is OperationCanceledException && !ct.IsCancellationRequested))
                {
                    problems.Add(e.GetType().Name);
                }
                finally
                {
                    gate.Release();
                }
            }));

            // Let the server settle (connection bookkeeping, retained deliveries, GC), then take the
            // highest of three samples a second apart.
            await Task.Delay(TimeSpan.FromSeconds(2), ct);
            double? serverWith = null, brokerWith = null;
            for (var s = 0; s < 3; s++)
            {
                serverWith = Max(serverWith, server.RssMiB());
                brokerWith = brokerPid is { } b2 ? Max(brokerWith, ProcMemory.RssMiB(b2)) : null;
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
            }

            var stillConnected = clients.Count(c => c?.IsConnected == true);
            if (stillConnected != connected)
            {
                problems.Add($"dropped×{connected - stillConnected}");
            }

            return new MemoryResult(stillConnected, o.IdleClients, serverBefore, serverWith, brokerBefore, brokerWith, ProcMemory.AnonMiB(server.Pid), ProcMemory.FileMiB(server.Pid), ProcMemory.ShmemMiB(server.Pid), problems.Others());
        }
        finally
        {
            using var bye = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await Task.WhenAll(clients.Where(c => c is not null).Select(async c =>
            {
                try
                {
                    if (c.IsConnected)
                    {
                        await c.DisconnectAsync(cancellationToken: bye.Token);
                    }
                }
                catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException)
                {
                }
                finally
                {
                    c.Dispose();
                }
            }));
        }
    }

    private static double? Max(double? a, double? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);
}
