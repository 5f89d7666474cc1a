using System.Text;
using HallDevices.Queueing.Engine;
using HallDevices.Queueing.Halls;
using HallDevices.Queueing.Identity;
using HallDevices.Queueing.Tickets;
using HallDevices.QueueServer.Storage;
using HallDevices.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace HallDevices.QueueServer.Tests.Storage;

public class HallStoreTests
{
    private static readonly HallDefinition Hall = HallFile.Load(Repo.SampleHallFile);
    private static readonly CitizenIdProtector Protector = new(Encoding.UTF8.GetBytes("a-test-key-of-32-bytes-000000000"));

    private static DateOnly Today(FakeTimeProvider time) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), Hall.TimeZone).DateTime);

    [Fact]
    public void A_restarted_hall_has_its_tickets_counters_and_sequence_back()
    {
        var path = Path.Combine(TempDir.Create("store"), "hall.db");
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.FromHours(8)));
        using (var store = new HallStore(path))
        {
            var engine = HallEngine.Restore(Hall, store, time, store.Load(Today(time)));
            engine.Login("w5", "li");
            engine.Issue(new IssueTicketCommand("consultation", "kiosk"));
            engine.Issue(new IssueTicketCommand("consultation", "kiosk"));
            engine.CallNext("w5");
        }

        using (var store = new HallStore(path))
        {
            var snapshot = store.Load(Today(time));
            var engine = HallEngine.Restore(Hall, store, time, snapshot);

            Assert.Equal(4, snapshot.LastSequence);
            Assert.Equal(TicketStatus.Called, engine.FindTicket("D001")!.Status);
            Assert.Equal(CounterStatus.Serving, engine.FindCounter("w5")!.Status);
            Assert.Equal("D003", engine.Issue(new IssueTicketCommand("consultation", "kiosk")).Value!.Ticket.Number);
            Assert.Equal(["ticket-issued", "ticket-issued", "ticket-called", "ticket-issued"], store.EventsAfter(1, 10).Select(e => e.Type));
        }
    }

    [Fact]
    public void Yesterdays_finished_tickets_are_not_loaded_but_open_ones_are()
    {
        var path = Path.Combine(TempDir.Create("store"), "hall.db");
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.FromHours(8)));
        using (var store = new HallStore(path))
        {
            var engine = HallEngine.Restore(Hall, store, time, HallSnapshot.Empty);
            engine.Login("w5", "li");
            engine.Issue(new IssueTicketCommand("consultation", "kiosk"));
            engine.Issue(new IssueTicketCommand("consultation", "kiosk"));
            engine.CallNext("w5");
            engine.Finish("w5");
        }

        time.Advance(TimeSpan.FromDays(7));
        using (var store = new HallStore(path))
        {
            var snapshot = store.Load(Today(time));

            Assert.Equal(["D002"], snapshot.Tickets.Select(t => t.Number));
        }
    }

    [Fact]
    public void Kiosks_and_the_server_agree_on_the_appointment_code_prefix() =>
        Assert.Equal(HallDevices.Contracts.CodeFormats.AppointmentPrefix, HallDevices.Queueing.Appointments.AppointmentCodec.Prefix);

    [Fact]
    public void Neither_the_journal_nor_the_database_file_holds_the_raw_id_number()
    {
        const string raw = "11010519491231002X";
        var path = Path.Combine(TempDir.Create("store"), "hall.db");
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var journaled = new HallStore(path, NullLogger.Instance, segmentBytes: 1 << 20, background: false);
        Assert.True(HallEngine.Restore(Hall, journaled, time, HallSnapshot.Empty).Issue(new IssueTicketCommand("pension-enrol", "kiosk", Citizen: Protector.Protect(raw))).IsOk);
        journaled.Abandon();
        var journal = File.ReadAllBytes(Directory.GetFiles(Path.GetDirectoryName(path)!, "hall.journal.*").Single());
        Assert.Equal(-1, journal.AsSpan().IndexOf(Encoding.UTF8.GetBytes(raw)));
        Assert.NotEqual(-1, journal.AsSpan().IndexOf(Encoding.UTF8.GetBytes("1101**********002X")));
        using (var store = new HallStore(path))
        {
            // The replayed ticket is now in the database.
            Assert.Single(store.Load(Today(time)).Tickets);
        }

        // The main file and LiteDB's write-ahead log beside it.
        var bytes = Directory.GetFiles(Path.GetDirectoryName(path)!).SelectMany(File.ReadAllBytes).ToArray();
        Assert.True(bytes.Length > 0);
        Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(raw)));
        Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(raw)));
        Assert.NotEqual(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes("1101**********002X")));
    }

    [Fact]
    public void Changes_only_in_the_journal_when_the_process_died_are_in_the_database_after_a_restart()
    {
        var path = Path.Combine(TempDir.Create("store"), "hall.db");
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.FromHours(8)));
        var dying = new HallStore(path, NullLogger.Instance, segmentBytes: 4096, background: false);
        var engine = HallEngine.Restore(Hall, dying, time, HallSnapshot.Empty);
        engine.Login("w5", "li");
        for (var i = 0; i < 40; i++)
        {
            Assert.True(engine.Issue(new IssueTicketCommand("consultation", "kiosk")).IsOk);
        }

        engine.CallNext("w5");
        dying.Abandon();
        Assert.True(Directory.GetFiles(Path.GetDirectoryName(path)!, "hall.journal.*").Length > 1, "40 tickets in 4 KB segments span several journal files");

        using var store = new HallStore(path);
        var snapshot = store.Load(Today(time));

        Assert.Equal(42, snapshot.LastSequence);
        Assert.Equal(40, snapshot.Tickets.Count);
        Assert.Equal(TicketStatus.Called, snapshot.Tickets.Single(t => t.Number == "D001").Status);
        Assert.Equal(CounterStatus.Serving, snapshot.Counters.Single(c => c.CounterId == "w5").Status);
        Assert.Equal(42, store.EventsAfter(0, 100).Count);
    }

    [Fact]
    public void A_journal_record_cut_short_at_the_end_is_dropped_and_the_records_before_it_are_kept()
    {
        var (path, time, journal) = TwoTicketsOnlyInTheJournal();
        File.AppendAllText(journal, "{\"n\":3,\"events\":[{\"type\":\"ticket-iss");

        using var store = new HallStore(path);

        Assert.Equal(["D001", "D002"], store.Load(Today(time)).Tickets.Select(t => t.Number).Order());
        Assert.False(File.Exists(journal), "the replayed journal is removed");
    }

    [Fact]
    public void A_damaged_record_inside_the_journal_stops_start_up_naming_the_file_and_line_after_applying_the_records_before_it()
    {
        var (path, time, journal) = TwoTicketsOnlyInTheJournal();
        var lines = File.ReadAllLines(journal);
        lines[1] = lines[1][..20] + "#" + lines[1][21..];
        File.WriteAllLines(journal, lines);

        var e = Assert.Throws<InvalidDataException>(() => new HallStore(path));

        Assert.Contains(Path.GetFileName(journal), e.Message, StringComparison.Ordinal);
        Assert.Contains("line 2", e.Message, StringComparison.Ordinal);
        Assert.Contains("up to journal record 1", e.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(journal), "the journal is kept for a person to look at");
        using var db = new LiteHallStore(path);
        Assert.Equal(["D001"], db.Load(Today(time)).Tickets.Select(t => t.Number));
    }

    [Fact]
    public void A_reader_sees_every_change_committed_before_it_asked()
    {
        var path = Path.Combine(TempDir.Create("store"), "hall.db");
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.FromHours(8)));
        using var store = new HallStore(path);
        var engine = HallEngine.Restore(Hall, store, time, HallSnapshot.Empty);
        for (var i = 1; i <= 300; i++)
        {
            engine.Issue(new IssueTicketCommand("consultation", "kiosk"));
            if (i % 50 == 0)
            {
                Assert.Equal(i, store.EventsAfter(0, 1000).Count);
            }
        }
    }

    [Fact]
    public void Journal_files_are_deleted_once_the_database_holds_them()
    {
        var path = Path.Combine(TempDir.Create("store"), "hall.db");
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.FromHours(8)));
        var folder = Path.GetDirectoryName(path)!;
        using (var store = new HallStore(path, NullLogger.Instance, segmentBytes: 4096, background: true))
        {
            var engine = HallEngine.Restore(Hall, store, time, HallSnapshot.Empty);
            for (var i = 0; i < 200; i++)
            {
                engine.Issue(new IssueTicketCommand("consultation", "kiosk"));
            }

            store.WaitForDatabase();
            Assert.True(Directory.GetFiles(folder, "hall.journal.*").Length <= 2, "only the file being written (and one the writer is just finishing) remain");
        }

        Assert.Empty(Directory.GetFiles(folder, "hall.journal.*"));
    }

    [Fact]
    public void A_change_the_journal_cannot_take_is_refused_and_leaves_the_hall_as_it_was()
    {
        var path = Path.Combine(TempDir.Create("store"), "hall.db");
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.FromHours(8)));
        using (var store = new HallStore(path, NullLogger.Instance, segmentBytes: 1, background: true))
        {
            // With 1-byte segments the second change opens journal file 2: make it a full disk.
            File.CreateSymbolicLink(Path.Combine(Path.GetDirectoryName(path)!, "hall.journal.000000000002"), "/dev/full");
            var engine = HallEngine.Restore(Hall, store, time, HallSnapshot.Empty);
            Assert.Equal("D001", engine.Issue(new IssueTicketCommand("consultation", "kiosk")).Value!.Ticket.Number);

            Assert.ThrowsAny<IOException>(() => engine.Issue(new IssueTicketCommand("consultation", "kiosk")));
            Assert.Null(engine.FindTicket("D002"));
            Assert.ThrowsAny<IOException>(() => engine.Issue(new IssueTicketCommand("consultation", "kiosk")));
            Assert.Single(store.EventsAfter(0, 10));
        }

        File.Delete(Path.Combine(Path.GetDirectoryName(path)!, "hall.journal.000000000002"));
        using (var store = new HallStore(path))
        {
            Assert.Equal(["D001"], store.Load(Today(time)).Tickets.Select(t => t.Number));
        }
    }

    /// <summary>A store that issued D001 and D002 and died before its writer ran: both are only in its one journal file.</summary>
    private static (string Path, FakeTimeProvider Time, string Journal) TwoTicketsOnlyInTheJournal()
    {
        var path = Path.Combine(TempDir.Create("store"), "hall.db");
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.FromHours(8)));
        var dying = new HallStore(path, NullLogger.Instance, segmentBytes: 1 << 20, background: false);
        var engine = HallEngine.Restore(Hall, dying, time, HallSnapshot.Empty);
        engine.Issue(new IssueTicketCommand("consultation", "kiosk"));
        engine.Issue(new IssueTicketCommand("consultation", "kiosk"));
        dying.Abandon();
        return (path, time, Directory.GetFiles(Path.GetDirectoryName(path)!, "hall.journal.*").Single());
    }
}
