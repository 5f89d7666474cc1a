using HallDevices.Devices.Modbus;
using HallDevices.Display.CounterDevices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace HallDevices.Display.Tests.CounterDevices;

/// <summary>The read-back rules of docs/devices.md ("Display: window bus and LED signs") on a fake clock.</summary>
public sealed class ReadBackScheduleTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 3, 9, 0, 0, TimeSpan.FromHours(8)));
    private readonly Warnings _log = new();
    private int _reads;

    private ReadBackSchedule Schedule(int index = 0, int count = 1) => new("keypad-w3", Interval, index, count, _time, _log);

    /// <summary>A read-back that counts itself and finds the device holding (false) or not (true) what it was written.</summary>
    private Func<Task<bool>> Reads(bool differs) => () =>
    {
        _reads++;
        return Task.FromResult(differs);
    };

    private Func<Task<bool>> Refuses() => () =>
    {
        _reads++;
        throw new ModbusException(3, ModbusFunction.ReadHoldingRegisters, ModbusExceptionCode.IllegalDataAddress);
    };

    [Fact]
    public async Task The_first_device_is_read_back_at_once_then_once_per_interval()
    {
        var schedule = Schedule();

        Assert.False(await schedule.LostAsync("A012", Reads(differs: false)));
        Assert.Equal(1, _reads);

        _time.Advance(Interval - TimeSpan.FromMilliseconds(1));
        Assert.False(await schedule.LostAsync("A012", Reads(differs: true)));
        Assert.Equal(1, _reads);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(await schedule.LostAsync("A012", Reads(differs: true)));
        Assert.Equal(2, _reads);
    }

    [Fact]
    public async Task The_devices_first_read_backs_are_spread_over_the_interval_by_their_place_in_the_bus_map()
    {
        // Device 3 of 4: three quarters into the interval (1.5 s of 2).
        var schedule = Schedule(index: 3, count: 4);

        Assert.False(await schedule.LostAsync("A012", Reads(differs: true)));
        _time.Advance(TimeSpan.FromMilliseconds(1499));
        Assert.False(await schedule.LostAsync("A012", Reads(differs: true)));
        Assert.Equal(0, _reads);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(await schedule.LostAsync("A012", Reads(differs: true)));
        Assert.Equal(1, _reads);

        // From then on every interval, counted from that read-back.
        _time.Advance(Interval - TimeSpan.FromMilliseconds(1));
        Assert.False(await schedule.LostAsync("A012", Reads(differs: true)));
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(await schedule.LostAsync("A012", Reads(differs: true)));
        Assert.Equal(2, _reads);
    }

    [Fact]
    public async Task A_device_that_keeps_losing_what_it_is_written_is_logged_once_until_a_read_back_matches()
    {
        var schedule = Schedule();
        for (var i = 0; i < 3; i++)
        {
            Assert.True(await schedule.LostAsync("A012", Reads(differs: true)));
            Assert.True(schedule.Failing);
            _time.Advance(Interval);
        }

        Assert.Single(_log.Messages);
        Assert.Contains("keypad-w3 no longer shows A012 (restarted?)", _log.Messages[0], StringComparison.Ordinal);

        Assert.False(await schedule.LostAsync("A012", Reads(differs: false)));
        Assert.False(schedule.Failing);
        _time.Advance(Interval);
        Assert.True(await schedule.LostAsync("A013", Reads(differs: true)));
        Assert.Equal(2, _log.Messages.Count);
        Assert.Contains("no longer shows A013", _log.Messages[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_device_that_refuses_read_backs_is_not_asked_again_until_the_schedule_is_reset()
    {
        var schedule = Schedule();

        Assert.False(await schedule.LostAsync("prompt on", Refuses()));
        Assert.True(schedule.Refused);
        Assert.Equal(1, _reads);
        Assert.Contains("keypad-w3 refused a read-back (function ReadHoldingRegisters, IllegalDataAddress)", Assert.Single(_log.Messages), StringComparison.Ordinal);

        for (var i = 0; i < 5; i++)
        {
            _time.Advance(Interval);
            Assert.False(await schedule.LostAsync("prompt on", Reads(differs: true)));
        }

        Assert.Equal(1, _reads);

        // Back from offline, or the port reopened: a new session asks it again (the interval still counts).
        schedule.Reset();
        Assert.False(schedule.Refused);
        Assert.True(await schedule.LostAsync("prompt on", Reads(differs: true)));
        Assert.Equal(2, _reads);
    }

    [Fact]
    public async Task A_reset_says_again_that_a_device_lost_what_it_shows()
    {
        var schedule = Schedule();
        Assert.True(await schedule.LostAsync("A012", Reads(differs: true)));

        schedule.Reset();
        Assert.False(schedule.Failing);
        _time.Advance(Interval);
        Assert.True(await schedule.LostAsync("A012", Reads(differs: true)));

        Assert.Equal(2, _log.Messages.Count);
    }

    /// <summary>The warnings the schedule logs, formatted.</summary>
    private sealed class Warnings : ILogger<ReadBackSchedule>
    {
        public List<string> Messages { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            Assert.Equal(LogLevel.Warning, logLevel);
            Messages.Add(formatter(state, exception));
        }
    }
}
