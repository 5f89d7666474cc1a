using System.Text;

namespace HallDevices.Messaging.Tests;

public sealed class IncomingMessageTests
{
    [Theory]
    [InlineData("""{"requestId":"r1","replyTo":"reply/k/1","nested":{"replyTo":"no"}}""", "reply/k/1", "r1")]
    [InlineData("""{"nested":{"replyTo":"no","requestId":"no"},"list":[{"replyTo":"no"}]}""", null, null)]
    [InlineData("""{"replyTo":5,"requestId":"r2"}""", null, "r2")]
    [InlineData("""["replyTo","x"]""", null, null)]
    [InlineData("""{"requestId":"r3", broken""", null, "r3")]
    [InlineData("", null, null)]
    public void Reads_only_top_level_replyTo_and_requestId(string json, string? replyTo, string? requestId)
    {
        var message = new MqttIncomingMessage("t", Encoding.UTF8.GetBytes(json));

        Assert.Equal(replyTo, message.PayloadReplyTo);
        Assert.Equal(requestId, message.PayloadRequestId);
    }

    [Fact]
    public void The_mqtt5_response_topic_wins_over_the_payload()
    {
        var message = new MqttIncomingMessage("t", """{"replyTo":"reply/a/1"}"""u8.ToArray(), responseTopic: "reply/b/2");

        Assert.Equal("reply/b/2", message.ReplyTopic);
    }

    private enum CounterAction { CallNext, Recall }

    private sealed record CounterRequest(string RequestId, CounterAction Action, string? ToQueueId);

    [Fact]
    public void Contract_json_is_camelCase_with_kebab_case_enums_and_explicit_nulls()
    {
        var json = System.Text.Json.JsonSerializer.Serialize(new CounterRequest("r1", CounterAction.CallNext, null), MqttJson.Default);

        Assert.Equal("""{"requestId":"r1","action":"call-next","toQueueId":null}""", json);
        var back = new MqttIncomingMessage("t", Encoding.UTF8.GetBytes(json)).Deserialize<CounterRequest>();
        Assert.Equal(new CounterRequest("r1", CounterAction.CallNext, null), back);
    }
}
