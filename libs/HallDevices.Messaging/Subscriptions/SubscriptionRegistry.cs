using MQTTnet;

namespace HallDevices.Messaging.Subscriptions;

/// <summary>
/// The subscriptions a client keeps across connections: what to resubscribe after a reconnect and
/// which handlers a message goes to. Several subscriptions may share a filter; the broker sees it once.
/// </summary>
/// <param name="gate">
/// The client's lock, shared: the connection loop reads <see cref="Version"/> and publishes
/// readiness under it in one step, so no subscription can slip in between its last resubscribe
/// pass and "connected".
/// </param>
internal sealed class SubscriptionRegistry(Lock gate)
{
    private readonly List<Subscription> _subscriptions = [];
    private int _version;

    /// <summary>Changes on every add and remove; a resubscribe pass is complete when it did not change meanwhile.</summary>
    public int Version
    {
        get
        {
            lock (gate)
            {
                return _version;
            }
        }
    }

    /// <summary>Adds <paramref name="subscription"/>.</summary>
    /// <returns>True when another subscription already uses its filter.</returns>
    public bool Add(Subscription subscription)
    {
        lock (gate)
        {
            var filterInUse = _subscriptions.Exists(s => s.TopicFilter == subscription.TopicFilter);
            _subscriptions.Add(subscription);
            _version++;
            return filterInUse;
        }
    }

    /// <summary>Removes <paramref name="subscription"/>.</summary>
    /// <returns>True when it was registered and no other subscription uses its filter (so the broker may forget it).</returns>
    public bool Remove(Subscription subscription)
    {
        lock (gate)
        {
            if (!_subscriptions.Remove(subscription))
            {
                return false;
            }

            _version++;
            return !_subscriptions.Exists(s => s.TopicFilter == subscription.TopicFilter);
        }
    }

    /// <summary>The distinct filters to subscribe after a (re)connection, in registration order.</summary>
    public string[] Filters()
    {
        lock (gate)
        {
            return _subscriptions.Select(s => s.TopicFilter).Distinct(StringComparer.Ordinal).ToArray();
        }
    }

    /// <summary>The handlers a message on <paramref name="topic"/> goes to, in registration order.</summary>
    public Subscription[] HandlersFor(string topic)
    {
        lock (gate)
        {
            return _subscriptions.Where(s => s.Handler is not null && Matches(topic, s.TopicFilter)).ToArray();
        }
    }

    /// <summary>MQTT topic matching, with <c>$share/{group}/{filter}</c> matched by its inner filter (as the broker did).</summary>
    internal static bool Matches(string topic, string filter)
    {
        if (filter.StartsWith("$share/", StringComparison.Ordinal))
        {
            var groupEnd = filter.IndexOf('/', "$share/".Length);
            filter = groupEnd < 0 ? filter : filter[(groupEnd + 1)..];
        }

        return MqttTopicFilterComparer.Compare(topic, filter) == MqttTopicFilterCompareResult.IsMatch;
    }

    internal static bool IsGranted(MqttClientSubscribeResultCode code) =>
        code is MqttClientSubscribeResultCode.GrantedQoS0 or MqttClientSubscribeResultCode.GrantedQoS1 or MqttClientSubscribeResultCode.GrantedQoS2;
}
