using System.Text;
using HallDevices.Messaging.Requests;
using Microsoft.Extensions.Time.Testing;

namespace HallDevices.Messaging.Tests.Requests;

public sealed class PendingRequestsTests
{
    private const string Base = "reply/kiosk-01/";

    [Fact]
    public async Task A_reply_is_matched_by_its_correlation_data_whatever_topic_it_came_on()
    {
        var requests = new PendingRequests(Base);
        using var first = requests.Add(requests.NextKey(), "r1");
        using var second = requests.Add(requests.NextKey(), "r2");

        // Correlation data wins over the topic's last level (which names the other request).
        var reply = new MqttIncomingMessage(requests.ReplyTopic(first.Key), "{}"u8.ToArray(), correlationData: Encoding.UTF8.GetBytes(second.Key));

        Assert.True(requests.TryComplete(reply));
        Assert.Same(reply, await second.WaitAsync(CancellationToken.None));
        Assert.False(first.Completion.Task.IsCompleted);
    }

    [Fact]
    public async Task Without_correlation_data_the_reply_topic_s_last_level_names_the_request()
    {
        var requests = new PendingRequests(Base);
        using var pending = requests.Add(requests.NextKey(), null);
        var reply = new MqttIncomingMessage(requests.ReplyTopic(pending.Key), "{}"u8.ToArray());

        Assert.True(requests.TryComplete(reply));
        Assert.Same(reply, await pending.WaitAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_3_1_1_responder_replying_on_a_fixed_topic_is_matched_by_the_echoed_requestId()
    {
        var requests = new PendingRequests(Base);
        using var pending = requests.Add(requests.NextKey(), "r-42");
        var reply = new MqttIncomingMessage(Base + "fixed", """{"requestId":"r-42","ok":true}"""u8.ToArray());

        Assert.True(requests.TryComplete(reply));
        Assert.Same(reply, await pending.WaitAsync(CancellationToken.None));
    }

    [Fact]
    public void A_duplicate_reply_and_one_for_an_unknown_key_match_nothing()
    {
        var requests = new PendingRequests(Base);
        using var pending = requests.Add(requests.NextKey(), null);
        var reply = new MqttIncomingMessage(requests.ReplyTopic(pending.Key), "{}"u8.ToArray());

        Assert.True(requests.TryComplete(reply));
        Assert.False(requests.TryComplete(reply));
        Assert.False(requests.TryComplete(new MqttIncomingMessage(Base + "nobody", "{}"u8.ToArray())));
    }

    [Fact]
    public async Task A_request_that_times_out_stops_waiting_and_its_late_reply_is_unmatched()
    {
        var time = new FakeTimeProvider();
        var requests = new PendingRequests(Base);
        var pending = requests.Add(requests.NextKey(), "r1");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5), time);

        var wait = pending.WaitAsync(timeout.Token);
        time.Advance(TimeSpan.FromSeconds(4.9));
        Assert.False(wait.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(0.1));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);

        pending.Dispose();
        Assert.Equal(0, requests.Count);
        Assert.False(requests.TryComplete(new MqttIncomingMessage(requests.ReplyTopic(pending.Key), """{"requestId":"r1"}"""u8.ToArray())));
    }

    [Fact]
    public async Task Stopping_the_client_cancels_every_waiting_request()
    {
        var requests = new PendingRequests(Base);
        using var first = requests.Add(requests.NextKey(), null);
        using var second = requests.Add(requests.NextKey(), null);
        using var stop = new CancellationTokenSource();
        await stop.CancelAsync();

        requests.CancelAll(stop.Token);

        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first.WaitAsync(CancellationToken.None));
        Assert.Equal(stop.Token, ex.CancellationToken);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second.WaitAsync(CancellationToken.None));
    }

    [Fact]
    public void Keys_are_unique_and_carry_a_per_instance_tag()
    {
        var one = new PendingRequests(Base);
        var other = new PendingRequests(Base);

        var keys = Enumerable.Range(0, 100).Select(_ => one.NextKey()).ToList();

        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
        // Same counter value, different instance: a late reply to an earlier process cannot match.
        Assert.NotEqual(new PendingRequests(Base).NextKey(), other.NextKey());
        Assert.StartsWith(Base, one.ReplyTopic(keys[0]), StringComparison.Ordinal);
        Assert.True(one.IsReplyTopic(one.ReplyTopic(keys[0])));
        Assert.False(one.IsReplyTopic("reply/kiosk-02/" + keys[0]));
    }
}
