using HallDevices.Contracts;
using HallDevices.Devices.Modbus;

namespace HallDevices.Display.CounterDevices;

/// <summary>
/// A window's LED strip: shows <see cref="WindowText.Strip"/> of the counter's state. It has nothing
/// to poll, so with nothing new to show it is read back every round (docs/devices.md).
/// </summary>
internal sealed partial class LedStripDriver(BusDevice device, WindowText text, ILogger<LedStripDriver> log) : ICounterDeviceDriver
{
    private readonly ILogger _log = log;
    private LedWindowStrip? _strip;

    public BusDevice Device { get; } = device;

    private LedWindowStrip Strip => _strip ?? throw new InvalidOperationException("Attach the strip to a bus session first.");

    public void Attach(ModbusRtuMaster master)
    {
        _strip = new LedWindowStrip(master, Device.Address);
        Device.Written = null;
    }

    public Task PollAsync(CounterStateMessage? state, DateTimeOffset now, CancellationToken cancellationToken) => Task.CompletedTask;

    public string Shows(CounterStateMessage? state, DateTimeOffset now) => text.Strip(state);

    public async Task<bool> StillShowsAsync(string shown, CancellationToken cancellationToken)
    {
        // Nothing new to show, yet every device must answer once a round: a strip written
        // only on a change would count as online for as long as its text stays the same,
        // however long it has been silent. The read-back also finds a strip that
        // restarted blank without missing a round, and writes it again.
        var reading = await Strip.ReadAsync(cancellationToken);
        if (reading.TextLength == shown.Length)
        {
            return true;
        }

        LogStripLostText(Device.DeviceId, reading.TextLength, shown.Length);
        return false;
    }

    public Task WriteAsync(string shown, CancellationToken cancellationToken) => Strip.ShowTextAsync(shown, cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "LED strip {DeviceId} holds {Held} characters instead of {Written}: writing its text again")]
    private partial void LogStripLostText(string deviceId, int held, int written);
}
