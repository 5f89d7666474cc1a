using HallDevices.Messaging.Subscriptions;

namespace HallDevices.Messaging.Tests.Subscriptions;

public sealed class SubscriptionRegistryTests
{
    private static readonly Func<MqttIncomingMessage, CancellationToken, Task> Handler = (_, _) => Task.CompletedTask;

    [Theory]
    [InlineData("hall/xinqiao/board", "hall/xinqiao/board", true)]
    [InlineData("hall/xinqiao/counters/3/state", "hall/+/counters/+/state", true)]
    [InlineData("hall/xinqiao/events/ticket-issued", "hall/xinqiao/events/#", true)]
    [InlineData("hall/xinqiao/events", "hall/xinqiao/events/#", true)]
    [InlineData("hall/xinqiao/req/ticket", "$share/servers/hall/+/req/#", true)]
    [InlineData("hall/xinqiao/board", "$share/servers/hall/+/req/#", false)]
    [InlineData("hall/xinqiao/board", "hall/other/board", false)]
    [InlineData("hall/xinqiao/counters/3/state", "hall/+/state", false)]
    public void Topic_filters_match_as_the_broker_matched_them(string topic, string filter, bool matches) =>
        Assert.Equal(matches, SubscriptionRegistry.Matches(topic, filter));

    [Fact]
    public void The_resubscribe_list_names_each_filter_once_in_registration_order()
    {
        var registry = new SubscriptionRegistry(new Lock());
        var board = Add(registry, "hall/x/board");
        var state = Add(registry, "hall/x/counters/+/state");
        var secondBoard = Add(registry, "hall/x/board");
        var reply = new Subscription("reply/k/#", null, _ => ValueTask.CompletedTask);
        registry.Add(reply);

        Assert.Equal(["hall/x/board", "hall/x/counters/+/state", "reply/k/#"], registry.Filters());

        // The filter stays while another subscription uses it; the broker may forget it after the last.
        Assert.False(registry.Remove(board));
        Assert.Equal(["hall/x/counters/+/state", "hall/x/board", "reply/k/#"], registry.Filters());
        Assert.True(registry.Remove(secondBoard));
        Assert.True(registry.Remove(state));
        Assert.False(registry.Remove(state));
        Assert.Equal(["reply/k/#"], registry.Filters());
    }

    [Fact]
    public void Adding_tells_whether_the_filter_was_in_use_and_every_change_moves_the_version()
    {
        var registry = new SubscriptionRegistry(new Lock());
        var v0 = registry.Version;

        var first = new Subscription("hall/x/board", Handler, _ => ValueTask.CompletedTask);
        Assert.False(registry.Add(first));
        var v1 = registry.Version;
        Assert.True(registry.Add(new Subscription("hall/x/board", Handler, _ => ValueTask.CompletedTask)));
        var v2 = registry.Version;
        registry.Remove(first);
        var v3 = registry.Version;
        registry.Remove(first);

        Assert.Equal(4, new[] { v0, v1, v2, v3 }.Distinct().Count());
        Assert.Equal(v3, registry.Version);
    }

    [Fact]
    public void A_message_goes_to_every_matching_handler_in_order_and_never_to_the_reply_route()
    {
        var registry = new SubscriptionRegistry(new Lock());
        var all = Add(registry, "hall/#");
        Add(registry, "hall/x/devices/+/status");
        var board = Add(registry, "hall/x/board");
        registry.Add(new Subscription("hall/#", null, _ => ValueTask.CompletedTask));

        Assert.Equal([all, board], registry.HandlersFor("hall/x/board"));
        Assert.Empty(registry.HandlersFor("reply/k/1"));
    }

    private static Subscription Add(SubscriptionRegistry registry, string filter)
    {
        var subscription = new Subscription(filter, Handler, _ => ValueTask.CompletedTask);
        registry.Add(subscription);
        return subscription;
    }
}
