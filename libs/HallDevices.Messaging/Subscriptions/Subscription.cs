namespace HallDevices.Messaging.Subscriptions;

/// <summary>One <see cref="HallMqttClient.SubscribeAsync"/> call (or the internal reply route); disposing it unsubscribes.</summary>
/// <param name="topicFilter">The filter as subscribed, <c>$share/...</c> included.</param>
/// <param name="handler">The handler; null for the reply route, whose messages never reach the dispatcher.</param>
/// <param name="unregister">Removes this subscription from its client.</param>
internal sealed class Subscription(string topicFilter, Func<MqttIncomingMessage, CancellationToken, Task>? handler, Func<Subscription, ValueTask> unregister) : IAsyncDisposable
{
    public string TopicFilter { get; } = topicFilter;

    public Func<MqttIncomingMessage, CancellationToken, Task>? Handler { get; } = handler;

    public bool IsReplyRoute => Handler is null;

    public ValueTask DisposeAsync() => unregister(this);
}
