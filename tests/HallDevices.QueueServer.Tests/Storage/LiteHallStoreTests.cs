using System.Text;
using HallDevices.Queueing.Engine;
using HallDevices.Queueing.Halls;
using HallDevices.Queueing.Identity;
using HallDevices.Queueing.Tickets;
using HallDevices.QueueServer.Storage;
using HallDevices.Testing;
using Microsoft.Extensions.Time.Testing;

namespace HallDevices.QueueServer.Tests.Storage;

public class LiteHallStoreTests
{
    private static readonly HallDefinition Hall = HallFile.Load(Path.Combine(Repo.Root, "queue-server", "HallDevices.QueueServer", "halls", "sample-town.json"));
    private static readonly CitizenIdProtector Protector = new(Encoding.UTF8.GetBytes("a-test-key-of-32-bytes-000000000"));

    private static DateOnly Today(FakeTimeProvider time) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), Hall.TimeZone).DateTime);

    [Fact]
    public void A_restarted_hall_has_its_tickets_counters_and_sequence_back()
    {
        var path = Path.Combine(TempDir.Create("store"), "hall.db");
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.FromHours(8)));
        using (var store = new LiteHallStore(path))
        {
            var engine = HallEngine.Restore(Hall, store, time, store.Load(Today(time)));
            engine.Login("w5", "li");
            engine.Issue(new IssueTicketCommand("consultation", "kiosk"));
            engine.Issue(new IssueTicketCommand("consultation", "kiosk"));
            engine.CallNext("w5");
        }

        using (var store = new LiteHallStore(path))
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
        using (var store = new LiteHallStore(path))
        {
            var engine = HallEngine.Restore(Hall, store, time, HallSnapshot.Empty);
            engine.Login("w5", "li");
            engine.Issue(new IssueTicketCommand("consultation", "kiosk"));
            engine.Issue(new IssueTicketCommand("consultation", "kiosk"));
            engine.CallNext("w5");
            engine.Finish("w5");
        }

        time.Advance(TimeSpan.FromDays(7));
        using (var store = new LiteHallStore(path))
        {
            var snapshot = store.Load(Today(time));

            Assert.Equal(["D002"], snapshot.Tickets.Select(t => t.Number));
        }
    }

    [Fact]
    public void Kiosks_and_the_server_agree_on_the_appointment_code_prefix() =>
        Assert.Equal(HallDevices.Contracts.CodeFormats.AppointmentPrefix, HallDevices.Queueing.Appointments.AppointmentCodec.Prefix);

    [Fact]
    public void The_database_file_never_holds_the_raw_id_number()
    {
        const string raw = "11010519491231002X";
        var path = Path.Combine(TempDir.Create("store"), "hall.db");
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using (var store = new LiteHallStore(path))
        {
            var engine = HallEngine.Restore(Hall, store, time, HallSnapshot.Empty);
            Assert.True(engine.Issue(new IssueTicketCommand("pension-enrol", "kiosk", Citizen: Protector.Protect(raw))).IsOk);
        }

        // The main file and LiteDB's write-ahead log beside it.
        var bytes = Directory.GetFiles(Path.GetDirectoryName(path)!).SelectMany(File.ReadAllBytes).ToArray();
        Assert.True(bytes.Length > 0);
        Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(raw)));
        Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(raw)));
        Assert.NotEqual(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes("1101**********002X")));
    }
}
