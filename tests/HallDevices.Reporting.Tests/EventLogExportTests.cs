using System.Text;
using System.Text.Json;
using HallDevices.Queueing.Engine;
using HallDevices.Queueing.Evaluation;
using HallDevices.Queueing.Tickets;
using Microsoft.Extensions.Time.Testing;
using static HallDevices.Reporting.Tests.TestHalls;

namespace HallDevices.Reporting.Tests;

public class EventLogExportTests
{
    private sealed class MemoryJournal : IHallJournal
    {
        public List<HallEvent> Events { get; } = [];

        public void Commit(HallChange change) => Events.AddRange(change.Events);
    }

    /// <summary>A morning of the real engine (green-channel ticket, transfer, skip, rating) plus a bad rating's follow-up written by hand.</summary>
    private static List<HallEvent> Morning()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 3, 9, 0, 0, TimeSpan.FromHours(8)));
        var journal = new MemoryJournal();
        var engine = HallEngine.Restore(Hall(), journal, time, HallSnapshot.Empty);
        engine.Login("c1", "s01");
        engine.Login("c2", "s02");
        engine.Issue(new IssueTicketCommand("s1", "kiosk", "k1", Priority: TicketPriority.GreenChannel));
        engine.Issue(new IssueTicketCommand("s2", "mobile"));
        time.Advance(TimeSpan.FromMinutes(3));
        engine.CallNext("c1");
        time.Advance(TimeSpan.FromMinutes(4));
        engine.Transfer("c1", "q2", "c2");
        engine.CallNext("c2");
        time.Advance(TimeSpan.FromMinutes(5));
        engine.Finish("c2");
        engine.Evaluate(EvaluateCommand.AtCounter("A001", "c2", 4));
        engine.CallNext("c2");
        time.Advance(TimeSpan.FromMinutes(1));
        engine.Skip("c2");

        var events = journal.Events;
        var last = events[^1];
        events.Add(new TicketEvaluated
        {
            Sequence = last.Sequence + 1, HallId = "t1", At = last.At, TicketId = "20261103-B001", Number = "B001", QueueId = "q2", ServiceId = "s2",
            CounterId = "c2", StaffId = "s02", Score = 1, Channel = EvaluationChannels.Online, ReasonIds = ["long-wait"], ReasonText = "等了很久",
        });
        events.Add(new FollowUpRecorded
        {
            Sequence = last.Sequence + 2, HallId = "t1", At = last.At.AddDays(1), TicketId = "20261103-B001", Number = "B001", QueueId = "q2", ServiceId = "s2",
            Step = FollowUpSteps.Satisfaction, Satisfaction = RectificationSatisfaction.BasicallySatisfied, By = "manager",
        });
        return events;
    }

    private static byte[] Export(IEnumerable<HallEvent> events, ReportPeriod? period = null)
    {
        using var s = new MemoryStream();
        EventLogExport.Write(Json, period ?? ReportPeriod.Day(Nov3), events, s, new FakeTimeProvider(new DateTimeOffset(2026, 11, 4, 1, 0, 0, TimeSpan.Zero)));
        return s.ToArray();
    }

    private static string[] Lines(byte[] export) => Encoding.UTF8.GetString(export).Split('\n');

    private static byte[] Join(IEnumerable<string> lines) => Encoding.UTF8.GetBytes(string.Join('\n', lines));

    private static byte[] Csv(HallReport r)
    {
        using var s = new MemoryStream();
        ReportCsv.WriteHall(r, s);
        return s.ToArray();
    }

    [Fact]
    public void An_export_reads_back_to_the_same_hall_events_and_report()
    {
        var events = Morning();
        var export = Export(events);

        var log = EventLogExport.Read(new MemoryStream(export));
        var back = log.Events.ToList();

        Assert.Equal("t1", log.Hall.Id);
        Assert.Equal("测试镇为民服务中心", log.Hall.Name);
        Assert.Equal(ReportPeriod.Day(Nov3), log.Period);
        Assert.Equal(new DateTimeOffset(2026, 11, 4, 9, 0, 0, TimeSpan.FromHours(8)), log.ExportedAt);
        Assert.Equal(log.Hall.Services.Count, Queueing.Halls.HallFile.Parse(log.HallFileJson).Services.Count);
        Assert.Equal(events.Select(e => e.GetType()), back.Select(e => e.GetType()));
        Assert.Equal(events.Select(e => JsonSerializer.Serialize(e, ReportJson.Events)), back.Select(e => JsonSerializer.Serialize(e, ReportJson.Events)));
        Assert.Equal(["long-wait"], back.OfType<TicketEvaluated>().Last().ReasonIds);

        var asOf = NextNoon(Nov3);
        Assert.Equal(Csv(HallReports.Build(Hall(), ReportPeriod.Day(Nov3), events, asOf, ReportTargets.Default)),
            Csv(HallReports.Build(log.Hall, ReportPeriod.Day(Nov3), back, asOf, ReportTargets.Default)));
    }

    [Fact]
    public void The_export_is_a_header_line_then_the_stores_json_of_each_event()
    {
        var lines = Lines(Export(Morning()));

        using var header = JsonDocument.Parse(lines[0]);
        Assert.Equal("hall-export", header.RootElement.GetProperty("type").GetString());
        Assert.Equal(1, header.RootElement.GetProperty("version").GetInt32());
        Assert.Equal("t1", header.RootElement.GetProperty("hall").GetProperty("id").GetString());
        Assert.Equal("2026-11-03", header.RootElement.GetProperty("period").GetProperty("from").GetString());
        Assert.Equal("2026-11-04T09:00:00+08:00", header.RootElement.GetProperty("exportedAt").GetString());

        // Web names, the type discriminator first, kebab-case enums, no nulls, Chinese as is; one event a line.
        Assert.StartsWith("{\"type\":\"counter-changed\",", lines[1], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("{\"type\":\"ticket-issued\"", StringComparison.Ordinal) && l.Contains("\"priority\":\"green-channel\"", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("\"satisfaction\":\"basically-satisfied\"", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("等了很久", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("null", StringComparison.Ordinal));
        Assert.Equal("", lines[^1]); // every line ends in \n
    }

    [Fact]
    public void A_bad_event_line_fails_with_its_line_number_when_reached()
    {
        var lines = Lines(Export(Morning()));
        lines[3] = lines[3][..20];

        var log = EventLogExport.Read(new MemoryStream(Join(lines)));
        var e = Assert.Throws<EventLogFormatException>(() => log.Events.ToList());

        Assert.Equal(4, e.LineNumber);
        Assert.StartsWith("exported event log, line 4: not a hall event", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"type\":\"ticket-issued\"}", "not a hall export")]
    [InlineData("{\"type\":\"hall-export\",\"version\":2,\"hall\":{}}", "unsupported export version 2")]
    [InlineData("{\"type\":\"hall-export\",\"version\":1,\"hall\":{\"id\":\"x\"}}", "the header's hall file is invalid at")]
    [InlineData("{\"type\":\"hall-export\",\"version\":1", "the header is not valid JSON")]
    [InlineData("", "empty file")]
    public void A_bad_header_fails_at_line_1(string header, string reason)
    {
        var e = Assert.Throws<EventLogFormatException>(() => EventLogExport.Read(new MemoryStream(Encoding.UTF8.GetBytes(header))));

        Assert.Equal(1, e.LineNumber);
        Assert.Contains(reason, e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Events_of_another_hall_or_out_of_sequence_are_refused_with_their_line()
    {
        var events = Morning();
        var foreign = Lines(Export([events[0], events[1] with { HallId = "other" }]));
        var backwards = Lines(Export([events[1], events[0]]));

        var e1 = Assert.Throws<EventLogFormatException>(() => EventLogExport.Read(new MemoryStream(Join(foreign))).Events.ToList());
        var e2 = Assert.Throws<EventLogFormatException>(() => EventLogExport.Read(new MemoryStream(Join(backwards))).Events.ToList());

        Assert.Equal((3, 3), (e1.LineNumber, e2.LineNumber));
        Assert.Contains("hall 'other'", e1.Reason, StringComparison.Ordinal);
        Assert.Contains("rising sequence", e2.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bom_crlf_line_ends_and_blank_lines_are_read_and_line_numbers_still_count_them()
    {
        var lines = Lines(Export(Morning())).ToList();
        lines.Insert(2, "");
        var text = "\uFEFF" + string.Join("\r\n", lines);
        var good = EventLogExport.Read(new MemoryStream(Encoding.UTF8.GetBytes(text))).Events.Count();
        lines[4] = "{}";
        var bad = Assert.Throws<EventLogFormatException>(() => EventLogExport.Read(new MemoryStream(Encoding.UTF8.GetBytes(string.Join("\r\n", lines)))).Events.ToList());

        Assert.Equal(Morning().Count, good);
        Assert.Equal(5, bad.LineNumber);
    }

    [Fact]
    public void Events_stream_from_the_file_once_without_reading_it_all()
    {
        var one = Morning()[0];
        var export = Export(Enumerable.Range(1, 20_000).Select(i => one with { Sequence = i }));
        var counted = new CountingStream(new MemoryStream(export));

        var log = EventLogExport.Read(counted);
        var first = log.Events.First();

        Assert.Equal(1, first.Sequence);
        Assert.True(counted.BytesRead < export.Length / 4, $"read {counted.BytesRead} of {export.Length} bytes for the header and one event");
        Assert.Throws<InvalidOperationException>(() => log.Events.Count());
    }

    private sealed class CountingStream(Stream inner) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            BytesRead += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
