using HallDevices.Contracts;
using HallDevices.Devices.Modbus;

namespace HallDevices.Display.CounterDevices;

/// <summary>
/// A window's caller keypad: presses become <c>req/counter</c> requests; its display shows the
/// server's answer for <see cref="BusOptions.KeypadReplySeconds"/>, else the counter's ticket
/// (<see cref="WindowText.Keypad"/>), and is read back on the <see cref="ReadBackSchedule"/>.
/// </summary>
internal sealed partial class KeypadDriver(BusDevice device, BusOptions options, BusRequests requests, BusOutbox outbox, ReadBackSchedule readBack, TimeProvider time, ILogger<KeypadDriver> log)
    : ICounterDeviceDriver
{
    private readonly ILogger _log = log;
    private readonly Lock _gate = new();
    private CallerKeypad? _keypad;
    private string? _reply;
    private DateTimeOffset _replyUntil;

    public BusDevice Device { get; } = device;

    private CallerKeypad Keypad => _keypad ?? throw new InvalidOperationException("Attach the keypad to a bus session first.");

    public void Attach(ModbusRtuMaster master)
    {
        _keypad = new CallerKeypad(master, Device.Address);
        Device.Written = null;
        readBack.Reset();
    }

    public async Task PollAsync(CounterStateMessage? state, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var key in await Keypad.PollAsync(cancellationToken))
        {
            var action = key switch
            {
                KeypadKey.CallNext => "call-next",
                KeypadKey.Recall => "recall",
                KeypadKey.Skip => "skip",
                KeypadKey.Finish => "finish",
                // One pause key: it pauses, and resumes a paused window.
                _ => state?.Status == "paused" ? "resume" : "pause",
            };
            LogKey(Device.Counter, action);
            var pressedAt = now;
            outbox.Enqueue(async token => ShowReply(await requests.CounterAsync(Device, action, pressedAt, token), time.GetUtcNow() + TimeSpan.FromSeconds(options.KeypadReplySeconds)));
        }
    }

    public string Shows(CounterStateMessage? state, DateTimeOffset now)
    {
        lock (_gate)
        {
            return now < _replyUntil && _reply is not null ? _reply : WindowText.Keypad(state);
        }
    }

    public async Task<bool> StillShowsAsync(string shown, CancellationToken cancellationToken) =>
        !await readBack.LostAsync(shown, async () => await Keypad.ReadTextAsync(cancellationToken) != shown);

    public Task WriteAsync(string shown, CancellationToken cancellationToken) => Keypad.ShowAsync(shown, cancellationToken);

    /// <summary>The server's answer, shown until <paramref name="until"/> (set from the outbox, read by the bus loop).</summary>
    private void ShowReply(string text, DateTimeOffset until)
    {
        lock (_gate)
        {
            _reply = text;
            _replyUntil = until;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Keypad of {Counter}: {Action}")]
    private partial void LogKey(string counter, string action);
}
