using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace HallDevices.Contracts.Tests;

/// <summary>The bytes of the contract as the wire has them (docs/mqtt-api.md), through <see cref="ContractJson"/>.</summary>
public sealed class SerializerTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 9, 0, 0, TimeSpan.FromHours(8));

    private static readonly TicketInfo Ticket = new("D001", "rural", "consultation", "政策咨询", At, "waiting", 0, 0, "http://127.0.0.1:5080/t/xinqiao/D001", "normal", null, null, 0);

    [Fact]
    public void A_refusal_writes_ticket_null_and_leaves_out_counter_and_events()
    {
        Assert.Equal(
            """{"ok":false,"ticket":null,"error":{"code":"id-required","message":"需要身份证"}}""",
            ContractJson.Serialize(Reply.Fail(ErrorCodes.IdRequired, "需要身份证")));
    }

    [Fact]
    public void A_ticket_leaves_out_the_counter_and_masked_id_it_does_not_have()
    {
        Assert.Equal(
            """{"ok":true,"ticket":{"number":"D001","queueId":"rural","serviceId":"consultation","serviceName":"政策咨询","issuedAt":"2026-11-27T09:00:00+08:00","status":"waiting","waitingAhead":0,"estimatedWaitMinutes":0,"trackUrl":"http://127.0.0.1:5080/t/xinqiao/D001","priority":"normal","recallCount":0}}""",
            ContractJson.Serialize(new Reply(true, Ticket)));
    }

    [Fact]
    public void A_counter_in_a_reply_leaves_out_nulls_but_its_retained_state_writes_them()
    {
        Assert.Equal("""{"ok":true,"ticket":null,"counter":{"counterId":"w5","status":"closed","since":"2026-11-27T09:00:00+08:00"}}""", ContractJson.Serialize(new Reply(true, Counter: new CounterInfo("w5", "closed", null, null, At))));
        Assert.Equal("""{"counterId":"w5","counterName":"5号窗口","status":"closed","ticket":null,"staffId":null,"since":"2026-11-27T09:00:00+08:00"}""", ContractJson.Serialize(new CounterStateMessage("w5", "5号窗口", "closed", null, null, At)));
    }

    [Fact]
    public void A_device_status_writes_a_missing_detail_as_null()
    {
        Assert.Equal("""{"online":true,"health":"ok","detail":null}""", ContractJson.Serialize(new DeviceStatus(true, HealthStates.Ok, null)));
        Assert.Equal(new DeviceStatus(false, null, null), ContractJson.Deserialize<DeviceStatus>("""{"online":false}"""));
    }

    [Fact]
    public void Requests_leave_out_what_the_client_did_not_set()
    {
        Assert.Equal("""{"requestId":"k-1","counterId":"w5","action":"call-next"}""", ContractJson.Serialize(new CounterRequest { RequestId = "k-1", CounterId = "w5", Action = "call-next" }));
        Assert.Equal("""{"requestId":"k-2","ticketNumber":"D001","counterId":"w5","score":5}""", ContractJson.Serialize(new EvaluateRequest { RequestId = "k-2", TicketNumber = "D001", CounterId = "w5", Score = 5 }));
    }

    [Fact]
    public void Requests_are_read_the_lenient_web_way()
    {
        var request = ContractJson.Deserialize<EvaluateRequest>("""{"RequestId":"k-3","score":"4"}""")!;

        Assert.Equal("k-3", request.RequestId);
        Assert.Equal(4, request.Score);
    }

    [Fact]
    public void An_event_writes_its_type_first_then_its_own_then_the_ticket_then_the_common_fields()
    {
        HallEventMessage e = new TicketCalledEvent
        {
            HallId = "xinqiao", Sequence = 6, At = At, TicketId = "20261127-D001", Number = "D001", QueueId = "rural", ServiceId = "consultation",
            CounterId = "w5", WaitedSeconds = 5.5,
        };

        var json = ContractJson.Serialize(e);

        Assert.Equal("""{"type":"ticket-called","counterId":"w5","waitedSeconds":5.5,"ticketId":"20261127-D001","number":"D001","queueId":"rural","serviceId":"consultation","sequence":6,"hallId":"xinqiao","at":"2026-11-27T09:00:00+08:00"}""", json);
        Assert.Equal(e, ContractJson.Deserialize<HallEventMessage>(json));
    }

    [Fact]
    public void An_event_someone_asked_for_names_them_in_by_after_the_common_fields()
    {
        HallEventMessage e = new CounterChangedEvent
        {
            HallId = "xinqiao", Sequence = 4, At = At, CounterId = "w5", Action = "pause", StaffId = "zhang", Status = "paused", By = "api:portal",
        };

        var json = ContractJson.Serialize(e);

        Assert.Equal("""{"type":"counter-changed","counterId":"w5","action":"pause","staffId":"zhang","status":"paused","sequence":4,"hallId":"xinqiao","at":"2026-11-27T09:00:00+08:00","by":"api:portal"}""", json);
        Assert.Equal(e, ContractJson.Deserialize<HallEventMessage>(json));
    }

    [Fact]
    public void Every_event_kind_round_trips_with_its_type()
    {
        HallEventMessage[] events =
        [
            new TicketIssuedEvent { HallId = "h", TicketId = "t", Number = "A001", QueueId = "q", ServiceId = "s", Channel = "kiosk", Priority = "green-channel", WaitingAhead = 2, EstimatedWaitMinutes = 7 },
            new TicketCalledEvent { HallId = "h", TicketId = "t", Number = "A001", QueueId = "q", ServiceId = "s", CounterId = "w1", StaffId = "li" },
            new TicketRecalledEvent { HallId = "h", TicketId = "t", Number = "A001", QueueId = "q", ServiceId = "s", CounterId = "w1", RecallCount = 2 },
            new TicketSkippedEvent { HallId = "h", TicketId = "t", Number = "A001", QueueId = "q", ServiceId = "s", CounterId = "w1" },
            new TicketReinstatedEvent { HallId = "h", TicketId = "t", Number = "A001", QueueId = "q", ServiceId = "s" },
            new TicketFinishedEvent { HallId = "h", TicketId = "t", Number = "A001", QueueId = "q", ServiceId = "s", CounterId = "w1", HandledSeconds = 60, WaitedSeconds = 30 },
            new TicketTransferredEvent { HallId = "h", TicketId = "t", Number = "A001", QueueId = "q2", ServiceId = "s", FromCounterId = "w1", FromQueueId = "q", ToCounterId = "w2" },
            new TicketVoidedEvent { HallId = "h", TicketId = "t", Number = "A001", QueueId = "q", ServiceId = "s", Reason = "day-ended" },
            new EvaluationEvent { HallId = "h", TicketId = "t", Number = "A001", QueueId = "q", ServiceId = "s", CounterId = "w1", Score = 4 },
            new CounterChangedEvent { HallId = "h", CounterId = "w1", Action = "pause", StaffId = "li", Status = "paused" },
        ];

        var back = ContractJson.Deserialize<HallEventMessage[]>(ContractJson.Serialize(events))!;

        Assert.Equal(events, back);
        Assert.Equal(EventTypes.All.Order(StringComparer.Ordinal), events.Select(e => e.Type).Order(StringComparer.Ordinal));
        Assert.All(events, e => Assert.StartsWith($$"""{"type":"{{e.Type}}",""", ContractJson.Serialize(e), StringComparison.Ordinal));
    }

    [Fact]
    public void Replies_catalogue_and_board_round_trip()
    {
        var reply = new Reply(true, Ticket with { CounterId = "w5", MaskedId = "1101**********002X" }, new CounterInfo("w5", "serving", "D001", "zhang", At))
        {
            Events = [new TicketReinstatedEvent { HallId = "h", TicketId = "t", Number = "D001", QueueId = "q", ServiceId = "s", Sequence = 3, At = At }],
        };
        var catalog = new CatalogMessage("xinqiao", "新桥镇为民服务中心", "Asia/Shanghai", [new("social", "A", "社保医保")], [new("consultation", "政策咨询", "rural", false, false, null, 20)], [new("w6", "6号综合窗口", true, [new("social", 1)])]);
        var board = new BoardMessage("xinqiao", "新桥镇为民服务中心", [new("D001", "w5", "5号窗口", At, true)], [new("rural", "农业农村与综合", "D", 1, 6)], At, 9);

        var replyBack = ContractJson.Deserialize<Reply>(ContractJson.SerializeToUtf8Bytes(reply))!;
        var catalogBack = ContractJson.Deserialize<CatalogMessage>(ContractJson.SerializeToUtf8Bytes(catalog))!;
        var boardBack = ContractJson.Deserialize<BoardMessage>(ContractJson.SerializeToUtf8Bytes(board))!;

        Assert.Equal(reply with { Events = null }, replyBack with { Events = null });
        Assert.Equal(reply.Events, replyBack.Events);
        Assert.Equal(ContractJson.Serialize(catalog), ContractJson.Serialize(catalogBack));
        Assert.Equal(ContractJson.Serialize(board), ContractJson.Serialize(boardBack));
        Assert.DoesNotContain("dailyLimitPerPerson", ContractJson.Serialize(catalog), StringComparison.Ordinal);
        Assert.Contains("新桥镇", ContractJson.Serialize(board), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_nullable_field_of_the_contract_says_whether_its_null_is_written()
    {
        // The options write nulls only where a field says so; a new field must choose.
        var fields = typeof(Reply).Assembly.GetExportedTypes()
            .Where(t => t.IsClass && t.Namespace == "HallDevices.Contracts" && !t.IsSubclassOf(typeof(JsonSerializerContext)))
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(p => IsNullable(p) && p.GetCustomAttribute<JsonIgnoreAttribute>() is null)
            .Select(p => $"{p.DeclaringType!.Name}.{p.Name}")
            .ToList();

        Assert.Empty(fields);
    }

    [Fact]
    public void Only_contract_types_are_resolved()
    {
        Assert.Throws<NotSupportedException>(() => ContractJson.Serialize(new { ok = true }));
    }

    private static bool IsNullable(PropertyInfo p) =>
        Nullable.GetUnderlyingType(p.PropertyType) is not null
        || (!p.PropertyType.IsValueType && new NullabilityInfoContext().Create(p).WriteState == NullabilityState.Nullable);
}
