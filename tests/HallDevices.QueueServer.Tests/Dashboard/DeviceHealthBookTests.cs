using HallDevices.Contracts;
using HallDevices.Hosting;
using HallDevices.QueueServer.Devices;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HallDevices.QueueServer.Tests.Dashboard;

/// <summary><see cref="DeviceHealthBook"/> on a fake hall clock.</summary>
public sealed class DeviceHealthBookTests
{
    private const string Hall = "xinqiao";
    private static readonly DateTimeOffset Morning = new(2026, 11, 27, 9, 0, 0, TimeSpan.FromHours(8));

    private readonly FakeTimeProvider _time = new(Morning);
    private readonly DeviceHealthBook _book;
    private readonly List<string> _changed = [];

    public DeviceHealthBookTests()
    {
        _book = new DeviceHealthBook(new HallClock(Options.Create(new ClockOptions()), _time), NullLogger<DeviceHealthBook>.Instance);
        _book.Changed += _changed.Add;
    }

    [Fact]
    public void The_first_status_of_a_device_is_kept_with_its_kind_and_the_hall_time_it_arrived()
    {
        Assert.True(_book.Record(Hall, "kiosk-01", new DeviceStatus(true, HealthStates.PaperLow, "paper near end")));

        Assert.Equal([new DeviceHealth("kiosk-01", DeviceKinds.Kiosk, true, HealthStates.PaperLow, "paper near end", Morning, Morning)], _book.For(Hall));
        Assert.Equal([Hall], _changed);
    }

    [Fact]
    public void A_repeated_status_moves_UpdatedAt_but_keeps_Since_and_raises_no_change()
    {
        _book.Record(Hall, "kiosk-01", new DeviceStatus(true, HealthStates.Ok, null));
        _time.Advance(TimeSpan.FromMinutes(7));

        _book.Record(Hall, "kiosk-01", new DeviceStatus(true, HealthStates.Ok, null)); // republished on a reconnection

        var d = Assert.Single(_book.For(Hall));
        Assert.Equal((Morning, Morning.AddMinutes(7)), (d.Since, d.UpdatedAt));
        Assert.Single(_changed);
    }

    [Fact]
    public void A_new_health_restarts_Since_and_raises_Changed_with_the_hall_id()
    {
        _book.Record(Hall, "kiosk-01", new DeviceStatus(true, HealthStates.Ok, null));
        _time.Advance(TimeSpan.FromMinutes(7));

        _book.Record(Hall, "kiosk-01", new DeviceStatus(true, HealthStates.PaperOut, null));

        var d = Assert.Single(_book.For(Hall));
        Assert.Equal((HealthStates.PaperOut, Morning.AddMinutes(7)), (d.Health, d.Since));
        Assert.Equal([Hall, Hall], _changed);
    }

    [Fact]
    public void Going_offline_with_the_same_health_restarts_Since()
    {
        _book.Record(Hall, "keypad-w3", new DeviceStatus(true, HealthStates.Error, "no answer"));
        _time.Advance(TimeSpan.FromMinutes(1));

        _book.Record(Hall, "keypad-w3", new DeviceStatus(false, HealthStates.Error, "no answer"));

        var d = Assert.Single(_book.For(Hall));
        Assert.Equal((false, Morning.AddMinutes(1)), (d.Online, d.Since));
    }

    [Fact]
    public void New_detail_with_the_same_health_raises_Changed_but_keeps_Since()
    {
        _book.Record(Hall, "kiosk-01", new DeviceStatus(true, HealthStates.Ok, null));
        _time.Advance(TimeSpan.FromMinutes(2));

        _book.Record(Hall, "kiosk-01", new DeviceStatus(true, HealthStates.Ok, "id-reader missing"));

        var d = Assert.Single(_book.For(Hall));
        Assert.Equal(("id-reader missing", Morning), (d.Detail, d.Since));
        Assert.Equal(2, _changed.Count);
    }

    [Fact]
    public void Forgetting_a_device_removes_it_and_raises_Changed_only_when_it_was_known()
    {
        _book.Record(Hall, "kiosk-01", new DeviceStatus(true, HealthStates.Ok, null));
        _book.Record(Hall, "kiosk-02", new DeviceStatus(true, HealthStates.Ok, null));

        Assert.True(_book.Forget(Hall, "kiosk-01"));
        Assert.False(_book.Forget(Hall, "kiosk-01"));
        Assert.False(_book.Forget("no-such-hall", "kiosk-02"));

        Assert.Equal(["kiosk-02"], _book.For(Hall).Select(d => d.DeviceId));
        Assert.Equal(3, _changed.Count);
    }

    [Fact]
    public void Halls_are_kept_apart_and_devices_are_listed_by_id()
    {
        _book.Record(Hall, "kiosk-02", new DeviceStatus(true, HealthStates.Ok, null));
        _book.Record(Hall, "display-01", new DeviceStatus(true, HealthStates.Ok, null));
        _book.Record("dongcun", "kiosk-01", new DeviceStatus(false, null, null));

        Assert.Equal(["display-01", "kiosk-02"], _book.For(Hall).Select(d => d.DeviceId));
        Assert.Equal(["kiosk-01"], _book.For("dongcun").Select(d => d.DeviceId));
        Assert.Empty(_book.For("no-such-hall"));
        Assert.Equal([Hall, Hall, "dongcun"], _changed);
    }

    [Fact]
    public void A_changed_handler_runs_outside_the_lock_so_another_thread_can_use_the_book()
    {
        IReadOnlyList<DeviceHealth>? seen = null;
        _book.Changed += hallId =>
        {
            // From another thread: the lock is re-entrant, so only another thread would block on it.
            var read = Task.Run(() => _book.For(hallId));
            Assert.True(read.Wait(TimeSpan.FromSeconds(10)), "the book was still locked while its Changed handler ran");
            seen = read.Result;
        };

        _book.Record(Hall, "kiosk-01", new DeviceStatus(true, HealthStates.PaperOut, null));

        Assert.Equal(HealthStates.PaperOut, Assert.Single(seen!).Health);
    }

    [Fact]
    public void A_failing_changed_handler_neither_stops_the_others_nor_loses_the_status()
    {
        var after = 0;
        _book.Changed -= _changed.Add;
        _book.Changed += _ => throw new InvalidOperationException("browser push failed");
        _book.Changed += _ => after++;

        Assert.True(_book.Record(Hall, "kiosk-01", new DeviceStatus(true, HealthStates.PaperOut, null)));

        Assert.Equal(1, after);
        Assert.Equal(HealthStates.PaperOut, Assert.Single(_book.For(Hall)).Health);
    }

    [Fact]
    public void A_hall_keeps_at_most_MaxDevicesPerHall_devices_while_known_ones_still_update()
    {
        for (var i = 0; i < DeviceHealthBook.MaxDevicesPerHall; i++)
        {
            Assert.True(_book.Record(Hall, $"keypad-{i}", new DeviceStatus(true, HealthStates.Ok, null)));
        }

        Assert.False(_book.Record(Hall, "keypad-one-too-many", new DeviceStatus(true, HealthStates.Ok, null)));
        Assert.True(_book.Record(Hall, "keypad-0", new DeviceStatus(false, HealthStates.Error, null)));
        Assert.True(_book.Record("dongcun", "kiosk-01", new DeviceStatus(true, HealthStates.Ok, null)));

        Assert.Equal(DeviceHealthBook.MaxDevicesPerHall, _book.For(Hall).Count);
        Assert.False(_book.For(Hall).Single(d => d.DeviceId == "keypad-0").Online);
    }

    [Theory]
    [InlineData("kiosk-01", DeviceKinds.Kiosk)]
    [InlineData("display-01", DeviceKinds.Display)]
    [InlineData("display-xinqiao", DeviceKinds.Display)]
    [InlineData("keypad-w3", DeviceKinds.Keypad)]
    [InlineData("evaluator-w3", DeviceKinds.Evaluator)]
    [InlineData("led-w3", DeviceKinds.LedStrip)]
    [InlineData("kiosk", DeviceKinds.Kiosk)]
    [InlineData("lobby-screen", DeviceKinds.Other)]
    [InlineData("-kiosk", DeviceKinds.Other)]
    public void The_kind_is_read_from_the_device_id_prefix(string deviceId, string kind) =>
        Assert.Equal(kind, DeviceKinds.Of(deviceId));
}
