using HallDevices.Contracts;
using HallDevices.Messaging;
using HallDevices.Testing;

namespace HallDevices.Kiosk.Tests.EndToEnd;

/// <summary>The server's retained board as a display sees it on the broker: today's popular services, latest first.</summary>
internal sealed class BoardWatch : IAsyncDisposable
{
    private readonly HallMqttClient _client;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _changed = new(0);
    private IReadOnlyList<string>? _popular;

    private BoardWatch(HallMqttClient client) => _client = client;

    public static async Task<BoardWatch> StartAsync(int mqttPort)
    {
        var client = await Mqtt.ConnectAsync(mqttPort, Sample.Display);
        var watch = new BoardWatch(client);
        await client.SubscribeAsync(Topics.Board(Sample.Hall), (m, _) =>
        {
            var board = ContractJson.Deserialize<BoardMessage>(m.Payload.Span)!;
            lock (watch._gate)
            {
                watch._popular = board.Popular.Where(p => p.Issued > 0).Select(p => p.ServiceId).ToList();
            }

            watch._changed.Release();
            return Task.CompletedTask;
        });
        await watch.WaitAsync(_ => true);
        return watch;
    }

    /// <summary>The last board's popular service ids, most issued first.</summary>
    public IReadOnlyList<string> Latest()
    {
        lock (_gate)
        {
            return _popular ?? [];
        }
    }

    /// <summary>Waits for a board whose popular ids satisfy <paramref name="match"/>.</summary>
    public async Task<IReadOnlyList<string>> WaitAsync(Func<IReadOnlyList<string>, bool> match)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            lock (_gate)
            {
                if (_popular is { } p && match(p))
                {
                    return p;
                }
            }

            var left = deadline - DateTime.UtcNow;
            Assert.True(left > TimeSpan.Zero, $"no board matched within 20 s; last popular: {string.Join(", ", Latest())}");
            await _changed.WaitAsync(left);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _client.DisposeAsync();
        _changed.Dispose();
    }
}
