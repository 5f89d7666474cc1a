using System.Threading.Channels;
using HallDevices.Messaging;

namespace HallDevices.Display.CounterDevices;

/// <summary>
/// Key presses, ratings and status changes leave the bus loop here, so a slow broker never stalls
/// polling: one reader sends them in order; when 256 wait, the oldest is dropped.
/// </summary>
internal sealed partial class BusOutbox(ILogger<BusOutbox> log)
{
    private readonly ILogger _log = log;

    private readonly Channel<Func<CancellationToken, Task>> _outbox = Channel.CreateBounded<Func<CancellationToken, Task>>(
        new BoundedChannelOptions(256) { SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest });

    public void Enqueue(Func<CancellationToken, Task> work)
    {
        if (!_outbox.Writer.TryWrite(work))
        {
            LogOutboxClosed();
        }
    }

    /// <summary>Sends what is enqueued until <see cref="Complete"/> or <paramref name="ct"/>; a failed delivery is logged and the next one sent.</summary>
    public async Task DrainAsync(CancellationToken ct)
    {
        await foreach (var work in _outbox.Reader.ReadAllAsync(ct))
        {
            try
            {
                await work(ct);
            }
            catch (Exception e) when (e is MqttDeliveryTimeoutException or MqttRequestTimeoutException or MqttOperationRejectedException)
            {
                LogOutboxFailed(e.Message);
            }
        }
    }

    public void Complete() => _outbox.Writer.TryComplete();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bus outbox is closed; a request or status was dropped")]
    private partial void LogOutboxClosed();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bus request or status could not be delivered: {Reason}")]
    private partial void LogOutboxFailed(string reason);
}
