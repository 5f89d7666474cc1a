using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace HallDevices.Messaging.Subscriptions;

/// <summary>
/// Runs subscription handlers one at a time in arrival order, on its own task rather than on
/// MQTTnet's receive loop, so a handler may itself publish or make requests.
/// </summary>
internal sealed class MessageDispatcher(SubscriptionRegistry subscriptions, ILogger logger)
{
    private readonly Channel<MqttIncomingMessage> _inbox = Channel.CreateUnbounded<MqttIncomingMessage>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Queues <paramref name="message"/>; false once <see cref="Complete"/> was called.</summary>
    public bool TryPost(MqttIncomingMessage message) => _inbox.Writer.TryWrite(message);

    /// <summary>Accepts no more messages; <see cref="RunAsync"/> ends after those queued.</summary>
    public void Complete() => _inbox.Writer.TryComplete();

    /// <param name="stop">Passed to handlers; a handler cancelled by it ends the loop.</param>
    public async Task RunAsync(CancellationToken stop)
    {
        await foreach (var message in _inbox.Reader.ReadAllAsync(CancellationToken.None))
        {
            foreach (var target in subscriptions.HandlersFor(message.Topic))
            {
                try
                {
                    await target.Handler!(message, stop);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex)
                {
                    logger.LogHandlerFailed(ex, message.Topic, target.TopicFilter);
                }
            }
        }
    }
}
