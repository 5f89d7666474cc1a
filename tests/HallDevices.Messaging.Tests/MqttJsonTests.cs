using HallDevices.Contracts;

namespace HallDevices.Messaging.Tests;

public sealed class MqttJsonTests
{
    [Fact]
    public void Contract_types_get_the_same_bytes_through_MqttJson_as_through_ContractJson()
    {
        object[] values =
        [
            Reply.Fail(ErrorCodes.CounterClosed, "nobody is signed in at w5"),
            new CounterStateMessage("w5", "5号窗口", "closed", null, null, DateTimeOffset.UnixEpoch),
            new DeviceStatus(true, HealthStates.PaperLow, null),
            new TicketRequest { RequestId = "k-1", ServiceId = "consultation", Channel = "kiosk" },
        ];

        foreach (var value in values)
        {
            Assert.Equal(
                System.Text.Json.JsonSerializer.Serialize(value, value.GetType(), ContractJson.Options),
                System.Text.Json.JsonSerializer.Serialize(value, value.GetType(), MqttJson.Default));
        }
    }

    [Fact]
    public void An_event_published_through_MqttJson_carries_its_type()
    {
        HallEventMessage e = new TicketSkippedEvent { HallId = "h1", TicketId = "t", Number = "A001", QueueId = "q", ServiceId = "s", CounterId = "w1" };

        Assert.StartsWith("""{"type":"ticket-skipped",""", System.Text.Json.JsonSerializer.Serialize(e, MqttJson.Default), StringComparison.Ordinal);
    }
}
