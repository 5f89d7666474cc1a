using System.Text.Json;
using HallDevices.Contracts;
using HallDevices.Hosting;
using HallDevices.Queueing.Engine;
using HallDevices.QueueServer.Dashboard;
using HallDevices.QueueServer.Devices;
using HallDevices.QueueServer.Halls;
using HallDevices.QueueServer.Live;
using HallDevices.QueueServer.Staff;
using HallDevices.QueueServer.Storage;
using HallDevices.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HallDevices.QueueServer.Tests.Live;

/// <summary>
/// The push side of the console and dashboard over the real sample hall and staff file: what wakes
/// a waiting page, that one JSON serves every page of a version, and what the snapshot says.
/// </summary>
public sealed class HallLiveFeedTests : IDisposable
{
    private const string Hall = "xinqiao";
    private readonly string _dir = TempDir.Create("livefeed");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.FromHours(8)));
    private readonly HallRegistry _registry;
    private readonly DeviceHealthBook _devices;
    private readonly HallLiveFeed _feed;
    private readonly HallClock _clock;
    private readonly StaffDirectory _staff;

    public HallLiveFeedTests()
    {
        var clock = _clock = new HallClock(Options.Create(new ClockOptions()), _time);
        var changes = new HallChangeFeed();
        _registry = SampleRegistry.Create(_dir, clock, changes);
        var staffFile = SampleRegistry.StaffFile;
        var staff = _staff = new StaffDirectory(Options.Create(new StaffOptions { File = staffFile }), clock, NullLogger<StaffDirectory>.Instance);
        _devices = new DeviceHealthBook(clock, NullLogger<DeviceHealthBook>.Instance);
        _feed = new HallLiveFeed(changes, _devices, Options.Create(new DashboardOptions()), staff, clock, _time);
    }

    private HallRuntime Runtime => _registry.Find(Hall)!;

    private HallEngine Engine => Runtime.Engine;

    public void Dispose()
    {
        _registry.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task A_committed_engine_change_wakes_a_page_waiting_for_the_next_version()
    {
        var seen = _feed.Version(Hall);
        var waiting = _feed.WaitAsync(Hall, seen, TimeSpan.FromMinutes(10), CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        Assert.True(Engine.Login("w1", "staff-w1").IsOk);

        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(_feed.Version(Hall) > seen);
    }

    [Fact]
    public async Task A_device_status_change_wakes_a_waiting_page_and_shows_in_devices_and_alerts()
    {
        var waiting = _feed.WaitAsync(Hall, _feed.Version(Hall), TimeSpan.FromMinutes(10), CancellationToken.None);

        _devices.Record(Hall, "kiosk-01", new DeviceStatus(true, HealthStates.PaperOut, null));

        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        var snapshot = Snapshot();
        Assert.Equal("paper-out", snapshot.GetProperty("devices")[0].GetProperty("health").GetString());
        Assert.Contains(snapshot.GetProperty("alerts").EnumerateArray(), a => a.GetProperty("kind").GetString() == AlertKinds.PaperOut);
    }

    [Fact]
    public void Window_staff_get_the_snapshot_without_device_health_and_alerts()
    {
        _devices.Record(Hall, "kiosk-01", new DeviceStatus(true, HealthStates.PaperOut, null));

        var staff = Parse(_feed.Current(Runtime, TimeSpan.Zero, oversee: false).Json);
        var manager = Parse(_feed.Current(Runtime, TimeSpan.Zero, oversee: true).Json);

        Assert.Equal((0, 0), (staff.GetProperty("devices").GetArrayLength(), staff.GetProperty("alerts").GetArrayLength()));
        Assert.Equal(1, manager.GetProperty("devices").GetArrayLength());
        Assert.Equal(staff.GetProperty("counters").GetRawText(), manager.GetProperty("counters").GetRawText());
    }

    [Fact]
    public async Task A_page_that_has_seen_an_older_version_does_not_wait()
    {
        var seen = _feed.Version(Hall);
        _feed.Touch(Hall);

        await _feed.WaitAsync(Hall, seen, TimeSpan.FromMinutes(10), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task A_page_woken_by_changes_leaves_no_heartbeat_timer_armed_behind()
    {
        var real = new TimerCountingTimeProvider(_time);
        var feed = new HallLiveFeed(new HallChangeFeed(), _devices, Options.Create(new DashboardOptions()), _staff, _clock, real);

        for (var i = 0; i < 100; i++)
        {
            var waiting = feed.WaitAsync(Hall, feed.Version(Hall), TimeSpan.FromSeconds(15), CancellationToken.None);
            feed.Touch(Hall);
            await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        }

        // WaitAsync completes its task, then disposes its timer, and this await may resume inline in
        // between: the last timer goes once this method yields.
        for (var polls = 0; real.Armed > 0 && polls < 500; polls++)
        {
            await Task.Delay(10);
        }

        Assert.Equal(100, real.Created);
        Assert.Equal(0, real.Armed);
    }

    [Fact]
    public async Task A_quiet_page_wakes_when_the_heartbeat_passes_on_the_real_clock()
    {
        var waiting = _feed.WaitAsync(Hall, _feed.Version(Hall), TimeSpan.FromSeconds(15), CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(14));
        Assert.False(waiting.IsCompleted);

        _time.Advance(TimeSpan.FromSeconds(1));

        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(waiting.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task A_waiting_page_that_goes_away_ends_its_wait_cancelled()
    {
        using var gone = new CancellationTokenSource();
        var waiting = _feed.WaitAsync(Hall, _feed.Version(Hall), TimeSpan.FromSeconds(15), gone.Token);

        await gone.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void Every_page_of_one_version_gets_the_same_json_and_a_change_builds_a_new_one()
    {
        var first = _feed.Current(Runtime, TimeSpan.FromMinutes(1));
        var again = _feed.Current(Runtime, TimeSpan.FromMinutes(1));
        Assert.Same(first.Json, again.Json);

        Engine.Login("w1", "staff-w1");
        var after = _feed.Current(Runtime, TimeSpan.FromMinutes(1));

        Assert.NotSame(first.Json, after.Json);
        Assert.True(after.Version > first.Version);
    }

    [Fact]
    public void An_unchanged_snapshot_older_than_its_max_age_is_built_again_with_the_new_time()
    {
        var first = _feed.Current(Runtime, TimeSpan.FromSeconds(15));
        _time.Advance(TimeSpan.FromSeconds(16));

        var later = _feed.Current(Runtime, TimeSpan.FromSeconds(15));

        Assert.NotSame(first.Json, later.Json);
        Assert.Equal(TimeSpan.FromSeconds(16), Parse(later.Json).GetProperty("at").GetDateTimeOffset() - Parse(first.Json).GetProperty("at").GetDateTimeOffset());
    }

    [Fact]
    public void The_snapshot_shows_the_serving_ticket_with_the_staff_name_the_next_tickets_priority_first_and_the_day()
    {
        Engine.Login("w5", "staff-w5");
        var a1 = Engine.Issue(new IssueTicketCommand("consultation", "kiosk", null, null, Queueing.Tickets.TicketPriority.Normal, null)).Value!.Ticket;
        _time.Advance(TimeSpan.FromMinutes(3));
        Engine.Issue(new IssueTicketCommand("consultation", "kiosk", null, null, Queueing.Tickets.TicketPriority.Normal, null));
        var green = Engine.Issue(new IssueTicketCommand("consultation", "console", null, null, Queueing.Tickets.TicketPriority.GreenChannel, null)).Value!.Ticket;
        Assert.Equal(green.Number, Engine.CallNext("w5").Value!.Number);
        _time.Advance(TimeSpan.FromMinutes(2));

        var s = Snapshot();

        var w5 = s.GetProperty("counters").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "w5");
        Assert.Equal(("serving", "陈静", green.Number), (w5.GetProperty("status").GetString(), w5.GetProperty("staffName").GetString(), w5.GetProperty("ticket").GetProperty("number").GetString()));
        Assert.Equal(["rural", "civil"], w5.GetProperty("queueIds").EnumerateArray().Select(q => q.GetString()!).ToArray());
        var rural = s.GetProperty("queues").EnumerateArray().Single(q => q.GetProperty("id").GetString() == "rural");
        Assert.Equal(2, rural.GetProperty("waiting").GetInt32());
        Assert.Equal(a1.Number, rural.GetProperty("next")[0].GetProperty("number").GetString());
        var today = s.GetProperty("today");
        Assert.Equal((3, 2, 0), (today.GetProperty("issued").GetInt32(), today.GetProperty("waiting").GetInt32(), today.GetProperty("served").GetInt32()));
        Assert.DoesNotContain("maskedId", Text(s), StringComparison.Ordinal);
    }

    [Fact]
    public void A_skipped_ticket_is_listed_as_a_no_show_until_its_reinstate_window_passes()
    {
        Engine.Login("w5", "staff-w5");
        Engine.Issue(new IssueTicketCommand("consultation", "kiosk", null, null, Queueing.Tickets.TicketPriority.Normal, null));
        var called = Engine.CallNext("w5").Value!;
        Engine.Skip("w5");

        Assert.Equal(called.Number, Snapshot().GetProperty("noShows")[0].GetProperty("number").GetString());

        _time.Advance(TimeSpan.FromMinutes(Runtime.Hall.Policy.ReinstateWindowMinutes + 1));
        Assert.Equal(0, Snapshot().GetProperty("noShows").GetArrayLength());
    }

    private JsonElement Snapshot() => Parse(_feed.Current(Runtime, TimeSpan.Zero).Json);

    private static JsonElement Parse(byte[] json) => JsonDocument.Parse(json).RootElement;

    private static string Text(JsonElement e) => e.GetRawText();
}
