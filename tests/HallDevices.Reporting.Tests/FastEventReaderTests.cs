using System.Text;
using System.Text.Json;
using HallDevices.Queueing.Evaluation;
using HallDevices.Queueing.Tickets;

namespace HallDevices.Reporting.Tests;

/// <summary>The hand-written reader of event lines reads exactly what the serializer reads, or declines.</summary>
public class FastEventReaderTests
{
    private const string H = "t1";

    /// <summary>One event of every type with every property set (nulls only where the store leaves them out).</summary>
    public static TheoryData<HallEvent> EveryType() =>
    [
        new TicketIssued { Sequence = 1, HallId = H, At = At(), By = "api:gov", TicketId = "20261103-A001", Number = "A001", QueueId = "q1", ServiceId = "s1", Channel = "kiosk", DeviceId = "k1", Priority = TicketPriority.GreenChannel, WaitingAhead = 3, EstimatedWaitMinutes = 12 },
        new TicketIssued { Sequence = 2, HallId = H, At = At(), TicketId = "20261103-A002", Number = "A002", QueueId = "q1", ServiceId = "s1", Channel = "mobile" },
        new TicketCalled { Sequence = 3, HallId = H, At = At(), By = "s01", TicketId = "20261103-A001", Number = "A001", QueueId = "q1", ServiceId = "s1", CounterId = "c1", StaffId = "s01", WaitedSeconds = 61.25 },
        new TicketRecalled { Sequence = 4, HallId = H, At = At(), TicketId = "20261103-A001", Number = "A001", QueueId = "q1", ServiceId = "s1", CounterId = "c1", RecallCount = 2 },
        new TicketSkipped { Sequence = 5, HallId = H, At = At(), TicketId = "20261103-A001", Number = "A001", QueueId = "q1", ServiceId = "s1", CounterId = "c1" },
        new TicketReinstated { Sequence = 6, HallId = H, At = At(), TicketId = "20261103-A001", Number = "A001", QueueId = "q1", ServiceId = "s1" },
        new TicketFinished { Sequence = 7, HallId = H, At = At(), TicketId = "20261103-A001", Number = "A001", QueueId = "q1", ServiceId = "s1", CounterId = "c1", StaffId = "s01", HandledSeconds = 300.5, WaitedSeconds = 1e-3 },
        new TicketTransferred { Sequence = 8, HallId = H, At = At(), TicketId = "20261103-A001", Number = "A001", QueueId = "q2", ServiceId = "s1", FromCounterId = "c1", FromQueueId = "q1", ToCounterId = "c2" },
        new TicketVoided { Sequence = 9, HallId = H, At = At(), TicketId = "20261103-A001", Number = "A001", QueueId = "q1", ServiceId = "s1", Reason = "print-failed: no paper" },
        new TicketEvaluated { Sequence = 10, HallId = H, At = At(), TicketId = "20261103-A001", Number = "A001", QueueId = "q1", ServiceId = "s1", CounterId = "c1", StaffId = "s01", Score = 2, Channel = EvaluationChannels.Online, ReasonIds = ["long-wait", "attitude"], ReasonText = "等了很久，真的很久" },
        new CounterChanged { Sequence = 11, HallId = H, At = At(), By = "manager", CounterId = "c1", Action = "pause", StaffId = "s01", Status = CounterStatus.Paused },
        new FollowUpOpened { Sequence = 12, HallId = H, At = At(), TicketId = "20261103-A001", Number = "A001", QueueId = "q1", ServiceId = "s1", CounterId = "c1", StaffId = "s01", Score = 2, DueDate = new DateOnly(2026, 11, 10) },
        new FollowUpRecorded { Sequence = 13, HallId = H, At = At(), TicketId = "20261103-A001", Number = "A001", QueueId = "q1", ServiceId = "s1", Step = FollowUpSteps.Satisfaction, Note = "回访", Satisfaction = RectificationSatisfaction.BasicallySatisfied },
        new EvaluationAppealed { Sequence = 14, HallId = H, At = At(), TicketId = "20261103-A001", Number = "A001", QueueId = "q1", ServiceId = "s1", Reason = AppealReasons.Mistaken, Note = "按错" },
        new AppealReviewed { Sequence = 15, HallId = H, At = At(), TicketId = "20261103-A001", Number = "A001", QueueId = "q1", ServiceId = "s1", Upheld = true, Note = "属实" },
    ];

    private static DateTimeOffset At() => new(2026, 11, 3, 9, 30, 15, 123, TimeSpan.FromHours(8));

    private static string Json(HallEvent e) => JsonSerializer.Serialize(e, ReportJson.Events);

    [Theory]
    [MemberData(nameof(EveryType))]
    public void The_stores_form_of_every_event_type_is_read_by_hand_to_what_the_serializer_reads(HallEvent e)
    {
        var line = Encoding.UTF8.GetBytes(Json(e));

        Assert.True(FastEventReader.TryRead(line, new Utf8StringPool(), out var fast));
        var slow = JsonSerializer.Deserialize<HallEvent>(line, ReportJson.Events)!;
        Assert.Equal(slow.GetType(), fast!.GetType());
        Assert.Equal(Json(slow), Json(fast));
    }

    [Fact]
    public void Every_property_of_every_event_type_is_known_to_the_hand_reader()
    {
        // A property added to an event later is read the slow way (correct, slower) until it is added here.
        var names = typeof(HallEvent).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(HallEvent)) && !t.IsAbstract)
            .SelectMany(t => t.GetProperties().Where(p => p.CanWrite && p.Name != "EqualityContract"))
            .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name))
            .Distinct();

        Assert.All(names, n => Assert.NotEqual(0UL, EventFields.FieldOf(Encoding.UTF8.GetBytes(n))));
    }

    [Theory]
    [InlineData("""{"sequence":1,"type":"ticket-reinstated","hallId":"t1","ticketId":"x","number":"A1","queueId":"q","serviceId":"s"}""")] // type not first
    [InlineData("""{"type":"ticket-reinstated","Sequence":1,"hallId":"t1","ticketId":"x","number":"A1","queueId":"q","serviceId":"s"}""")] // case differs
    [InlineData("""{"type":"ticket-reinstated","sequence":"1","hallId":"t1","ticketId":"x","number":"A1","queueId":"q","serviceId":"s"}""")] // number as a string
    [InlineData("""{"type":"ticket-reinstated","sequence":1,"hallId":"t1","ticketId":null,"number":"A1","queueId":"q","serviceId":"s"}""")] // a null
    [InlineData("""{"type":"ticket-reinstated","sequence":1,"hallId":"t1","number":"A1","queueId":"q","serviceId":"s"}""")] // required missing
    [InlineData("""{"type":"ticket-reinstated","sequence":1,"hallId":"t1","counterId":"c1","ticketId":"x","number":"A1","queueId":"q","serviceId":"s"}""")] // not its property
    [InlineData("""{"type":"ticket-issued","sequence":1,"hallId":"t1","ticketId":"x","number":"A1","queueId":"q","serviceId":"s","channel":"kiosk","priority":2}""")] // enum as a number
    [InlineData("""{"type":"ticket-shredded","sequence":1}""")]
    [InlineData("""{"type":"ticket-reinstated","sequence":1,"hallId":"t1","ticketId":"x","number":"A1","queueId":"q","serviceId":"s"} x""")]
    [InlineData("""{"type":"ticket-reinstated","sequence":1,"sequence":2,"hallId":"t1","ticketId":"x","number":"A1","queueId":"q","serviceId":"s"}""")]
    [InlineData("""[1]""")]
    [InlineData("""{"type":"ticket-reinstated","sequence":01,"hallId":"t1","ticketId":"x","number":"A1","queueId":"q","serviceId":"s"}""")] // a leading zero
    [InlineData("""{"type":"ticket-reinstated","sequence":1.0,"hallId":"t1","ticketId":"x","number":"A1","queueId":"q","serviceId":"s"}""")]
    [InlineData("""{"type":"ticket-reinstated", "sequence":1,"hallId":"t1","ticketId":"x","number":"A1","queueId":"q","serviceId":"s"}""")] // whitespace
    [InlineData("""{"type":"ticket-reinstated","sequence":1,"hallId":"t1","ticketId":"x","number":"A1","queueId":"q","serviceId":"s",}""")]
    [InlineData("""{"type":"ticket-reinstated","sequence":1,"hallId":"t1","ticketId":"x","number":"A1","queueId":"q","serviceId":"s\u0041"}""")] // an escape
    [InlineData("""{"type":"evaluation","sequence":1,"hallId":"t1","ticketId":"x","number":"A1","queueId":"q","serviceId":"s","counterId":"c","score":2,"reasonIds":["a",1]}""")]
    [InlineData("""{"type":"evaluation","sequence":1,"hallId":"t1","ticketId":"x","number":"A1","queueId":"q","serviceId":"s","counterId":"c","score":2,"reasonIds":["a",]}""")]
    [InlineData("""{"type":"ticket-finished","sequence":1,"hallId":"t1","ticketId":"x","number":"A1","queueId":"q","serviceId":"s","counterId":"c","handledSeconds":1e999}""")]
    [InlineData("""{"type":"ticket-reinstated","sequence":1,"hallId":"t1","ticketId":"x","number":"A1","queueId":"q","serviceId":"s""")]
    public void Anything_but_the_stores_exact_form_is_left_to_the_serializer(string line) =>
        Assert.False(FastEventReader.TryRead(Encoding.UTF8.GetBytes(line), new Utf8StringPool(), out _));

    [Fact]
    public void A_line_with_escapes_is_left_to_the_serializer_and_an_export_still_reads_it()
    {
        var voided = new TicketVoided { Sequence = 1, HallId = "t1", At = At(), TicketId = "x", Number = "A1", QueueId = "q", ServiceId = "s", Reason = "a\"b\\c\u0001中" };
        var line = Encoding.UTF8.GetBytes(Json(voided));

        Assert.False(FastEventReader.TryRead(line, new Utf8StringPool(), out _));
        var back = Assert.IsType<TicketVoided>(EventLogExport.Read(new MemoryStream(Encoding.UTF8.GetBytes(ExportHeader() + "\n" + Json(voided) + "\n"))).Events.Single());
        Assert.Equal(voided.Reason, back.Reason);
    }

    [Fact]
    public void Invalid_utf8_in_a_string_is_left_to_the_serializer()
    {
        var line = Encoding.UTF8.GetBytes("""{"type":"ticket-voided","sequence":1,"hallId":"t1","ticketId":"x","number":"A1","queueId":"q","serviceId":"s","reason":"#"}""");
        line[^3] = 0xFF;

        Assert.False(FastEventReader.TryRead(line, new Utf8StringPool(), out _));
    }

    private static string ExportHeader()
    {
        using var s = new MemoryStream();
        EventLogExport.Write(TestHalls.Json, null, [], s);
        return Encoding.UTF8.GetString(s.ToArray()).TrimEnd('\n');
    }

    [Theory]
    [InlineData("2026-11-03T09:30:15+08:00")]
    [InlineData("2026-11-03T09:30:15.1234567+08:00")]
    [InlineData("2026-11-03T09:30:15.12+05:30")]
    [InlineData("2026-11-03T01:30:15Z")]
    [InlineData("2026-11-03T09:30:15.5-03:00")]
    [InlineData("2028-02-29T23:59:59+14:00")]
    public void The_stores_instants_are_parsed_by_hand_to_the_same_value(string text)
    {
        Assert.True(IsoInstant.TryParse(Encoding.UTF8.GetBytes(text), out var fast));
        var expected = DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal((expected, expected.Offset), (fast, fast.Offset));
    }

    [Theory]
    [InlineData("2026-11-03 09:30:15+08:00")]
    [InlineData("2026-11-03T09:30:15")]
    [InlineData("2026-02-29T09:30:15+08:00")]
    [InlineData("2026-11-03T24:00:00+08:00")]
    [InlineData("2026-11-03T09:30:15.12345678+08:00")]
    [InlineData("2026-11-03T09:30:15.+08:00")]
    [InlineData("0001-01-01T00:00:00+01:00")]
    public void Any_other_instant_form_is_left_to_the_general_reader(string text) =>
        Assert.False(IsoInstant.TryParse(Encoding.UTF8.GetBytes(text), out _));

    [Fact]
    public void The_pool_gives_one_string_per_value_and_decodes_chinese()
    {
        var pool = new Utf8StringPool();
        Assert.True(pool.TryGet(3, "w1"u8, out var a));
        Assert.True(pool.TryGet(5, "w1"u8, out var b));
        Assert.True(pool.TryGet(3, "w1"u8, out var c));
        Assert.True(pool.TryGet(3, "w2"u8, out var d));
        Assert.True(pool.TryGet(3, Encoding.UTF8.GetBytes("窗口"), out var e));

        Assert.Same(a, b);
        Assert.Same(a, c);
        Assert.Equal(("w2", "窗口"), (d, e));
        Assert.False(pool.TryGet(3, [0x77, 0xFF], out _));
    }
}
