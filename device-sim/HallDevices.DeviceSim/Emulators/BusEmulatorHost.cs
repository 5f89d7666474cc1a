using System.Globalization;
using HallDevices.Devices.Modbus;

namespace HallDevices.DeviceSim.Emulators;

/// <summary>
/// Caller keypads, evaluators and LED window strips sharing one RS-485 line: the library's
/// <see cref="ModbusSlaveBus"/> with one register bank per device of the bus map. People are
/// simulated from stdin: <c>press ADDR call-next|recall|skip|finish|pause</c>, <c>rate ADDR 1-5</c>,
/// <c>show</c>; <c>unplug ADDR</c> takes one device off the line (its address goes silent while the
/// others keep answering) and <c>plug ADDR</c> puts it back as if just powered on (blank display,
/// no presses). Whatever the master writes (strip text, keypad display, evaluator prompt) is printed
/// as it changes, and each strip's text is drawn to <c>led-{counter}.png</c> when a picture folder is given.
/// </summary>
public sealed class BusEmulatorHost
{
    // RTU frames never pause inside; a gap this long means a new frame starts (generous for ptys).
    private static readonly TimeSpan FrameGap = TimeSpan.FromMilliseconds(50);

    private readonly Stream _wire;
    private readonly TextWriter _output;
    private readonly LedStripPictures? _pictures;
    private readonly System.Threading.Channels.Channel<(Slave Slave, string Text)> _drawing = System.Threading.Channels.Channel.CreateUnbounded<(Slave, string)>(new System.Threading.Channels.UnboundedChannelOptions { SingleReader = true });
    private Task? _drawer;
    private readonly TimeProvider _time;
    private readonly ModbusSlaveBus _bus = new();
    private readonly Lock _gate = new();
    private readonly SortedDictionary<byte, Slave> _slaves = [];
    private readonly HashSet<byte> _dirty = [];
    private readonly HashSet<byte> _unplugged = [];
    private DateTimeOffset _lastByte = DateTimeOffset.MinValue;

    /// <summary>Creates the slaves of <paramref name="map"/> on <paramref name="wire"/>.</summary>
    public BusEmulatorHost(Stream wire, IReadOnlyList<BusDeviceEntry> map, TextWriter output, LedStripPictures? pictures = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(map);
        _wire = wire;
        _output = output;
        _pictures = pictures;
        _time = time ?? TimeProvider.System;
        foreach (var entry in map)
        {
            PowerOn(entry);
        }
    }

    /// <summary>The bus (for tests that feed frames directly).</summary>
    public ModbusSlaveBus Bus => _bus;

    /// <summary>Register bank of the device at <paramref name="address"/>.</summary>
    public ArrayRegisterBank Bank(byte address) => _slaves[address].Bank;

    /// <summary>Consumes master bytes and returns the replies; reports what changed afterwards.</summary>
    public IReadOnlyList<byte[]> Feed(ReadOnlySpan<byte> incoming)
    {
        var (replies, changed) = FeedCore(incoming);
        foreach (var slave in changed)
        {
            Report(slave);
        }

        return replies;
    }

    /// <summary>Answers the master until the wire closes or <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[512];
        while (!cancellationToken.IsCancellationRequested)
        {
            var n = await _wire.ReadAsync(buffer, cancellationToken);
            if (n == 0)
            {
                return;
            }

            // Replies go out before pictures are drawn so the master never waits on rendering.
            var (replies, changed) = FeedCore(buffer.AsSpan(0, n));
            foreach (var reply in replies)
            {
                await _wire.WriteAsync(reply, cancellationToken);
            }

            if (replies.Count > 0)
            {
                await _wire.FlushAsync(cancellationToken);
            }

            foreach (var slave in changed)
            {
                Report(slave);
            }
        }
    }

    private (IReadOnlyList<byte[]> Replies, List<Slave> Changed) FeedCore(ReadOnlySpan<byte> incoming)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (now - _lastByte > FrameGap)
            {
                _bus.ResetPartial();
            }

            _lastByte = now;
            var replies = _bus.Feed(incoming);
            List<Slave> changed = [.. _dirty.Select(a => _slaves[a])];
            _dirty.Clear();
            return (replies, changed);
        }
    }

    /// <summary>Handles one stdin command; false when it is not one.</summary>
    public bool Command(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        switch (line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            case ["press", var a, var key]:
                if (Find(a, BusDeviceKind.Keypad) is not { } keypad)
                {
                    return true;
                }

                if (ParseKey(key) is not { } k)
                {
                    _output.WriteLine($"press: key is call-next, recall, skip, finish or pause, not '{key}'");
                    return true;
                }

                lock (_gate)
                {
                    ((KeypadRegisters)keypad.Bank).Press(k);
                }

                _output.WriteLine($"keypad {keypad.Entry.Address} ({keypad.Entry.Counter}) pressed {key}");
                return true;
            case ["rate", var a, var s]:
                if (Find(a, BusDeviceKind.Evaluator) is not { } evaluator)
                {
                    return true;
                }

                if (!int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var score) || score is < 1 or > 5)
                {
                    _output.WriteLine($"rate: the score is 1..5, not '{s}'");
                    return true;
                }

                lock (_gate)
                {
                    ((EvaluatorRegisters)evaluator.Bank).Press(score);
                }

                _output.WriteLine($"evaluator {evaluator.Entry.Address} ({evaluator.Entry.Counter}) rated {score}");
                return true;
            case ["unplug", var a]:
                if (Find(a, kind: null) is not { } pulled)
                {
                    return true;
                }

                lock (_gate)
                {
                    // Off the bus: requests to its address go unanswered, like a cable pulled at the window.
                    _bus.Remove(pulled.Entry.Address);
                    _unplugged.Add(pulled.Entry.Address);
                }

                _output.WriteLine($"{Name(pulled)} unplugged");
                return true;
            case ["plug", var a]:
                if (Find(a, kind: null) is not { } back)
                {
                    return true;
                }

                if (!_unplugged.Contains(back.Entry.Address))
                {
                    _output.WriteLine($"{Name(back)} is already plugged in");
                    return true;
                }

                lock (_gate)
                {
                    // A device plugged back in has restarted: blank display, prompt off, no old presses.
                    // Said before the gate opens, so anything the master then writes to it is printed after.
                    _unplugged.Remove(back.Entry.Address);
                    PowerOn(back.Entry);
                    _output.WriteLine($"{Name(back)} plugged in");
                }

                return true;
            case ["show"]:
                foreach (var slave in _slaves.Values)
                {
                    _output.WriteLine(Describe(slave));
                }

                _output.WriteLine("show end");
                return true;
            default:
                return false;
        }
    }

    /// <summary>What the device at <paramref name="address"/> shows now, read consistently with what the master writes.</summary>
    public BusDeviceView View(byte address)
    {
        lock (_gate)
        {
            var slave = _slaves[address];
            var unplugged = _unplugged.Contains(address);
            return slave.Bank switch
            {
                _ when unplugged => new BusDeviceView(slave.Entry, true, null, false),
                LedStripRegisters strip => new BusDeviceView(slave.Entry, false, strip.Text, false),
                KeypadRegisters keypad => new BusDeviceView(slave.Entry, false, keypad.DisplayText, false),
                EvaluatorRegisters evaluator => new BusDeviceView(slave.Entry, false, null, evaluator.Prompt),
                _ => new BusDeviceView(slave.Entry, false, null, false),
            };
        }
    }

    /// <summary>One line saying what the device shows, e.g. <c>led 23 (w3) shows "3号窗口 请A001号"</c>.</summary>
    public string Describe(byte address) => Describe(_slaves[address]);

    private string Describe(Slave slave)
    {
        var e = slave.Entry;
        lock (_gate)
        {
            if (_unplugged.Contains(e.Address))
            {
                return $"{Name(slave)} unplugged";
            }

            return slave.Bank switch
            {
                LedStripRegisters strip => $"led {e.Address} ({e.Counter}) shows \"{strip.Text}\" brightness {strip.Brightness}",
                KeypadRegisters keypad => $"keypad {e.Address} ({e.Counter}) shows \"{keypad.DisplayText}\"",
                EvaluatorRegisters evaluator => $"evaluator {e.Address} ({e.Counter}) prompt {(evaluator.Prompt ? "on" : "off")}",
                _ => $"device {e.Address} ({e.Counter})",
            };
        }
    }

    private void Report(Slave slave)
    {
        var line = Describe(slave);
        if (line == slave.LastReport)
        {
            // The master rewrites unchanged state after a reconnect; say only what people would notice.
            return;
        }

        slave.LastReport = line;
        _output.WriteLine(line);
        if (_pictures is not null && slave.Bank is LedStripRegisters strip)
        {
            string text;
            lock (_gate)
            {
                text = strip.Text;
            }

            // Drawing a picture (SkiaSharp, the CJK font) can take a second when cold; it happens
            // beside the wire loop so the master's next request is never kept waiting.
            _drawing.Writer.TryWrite((slave, text));
            _drawer ??= Task.Run(DrawPicturesAsync);
        }
    }

    private async Task DrawPicturesAsync()
    {
        await foreach (var (slave, text) in _drawing.Reader.ReadAllAsync())
        {
            var path = _pictures!.Write(slave.Entry.Counter, text);
            _output.WriteLine($"led {slave.Entry.Address} ({slave.Entry.Counter}) picture {path}");
        }
    }

    /// <summary>The device at <paramref name="address"/>, of <paramref name="kind"/> when one is named; says why not.</summary>
    private Slave? Find(string address, BusDeviceKind? kind)
    {
        if (!byte.TryParse(address, NumberStyles.None, CultureInfo.InvariantCulture, out var a) || !_slaves.TryGetValue(a, out var slave) || (kind is { } k && slave.Entry.Kind != k))
        {
            _output.WriteLine(kind is { } named ? $"no {BusMap.Name(named)} at address {address}" : $"no device at address {address}");
            return null;
        }

        if (kind is not null && _unplugged.Contains(a))
        {
            // Nobody can press a device that is not on the line: the press would be lost anyway.
            _output.WriteLine($"{Name(slave)} is unplugged");
            return null;
        }

        return slave;
    }

    /// <summary>How output lines name a device, e.g. <c>led 25 (w5)</c>.</summary>
    private static string Name(Slave slave) =>
        $"{(slave.Entry.Kind == BusDeviceKind.LedStrip ? "led" : BusMap.Name(slave.Entry.Kind))} {slave.Entry.Address} ({slave.Entry.Counter})";

    /// <summary>A fresh register bank for <paramref name="entry"/> on the bus, as after power-on. Callers other than the constructor hold the gate.</summary>
    private void PowerOn(BusDeviceEntry entry)
    {
        ArrayRegisterBank bank = entry.Kind switch
        {
            BusDeviceKind.Keypad => new KeypadRegisters(),
            BusDeviceKind.Evaluator => new EvaluatorRegisters(),
            _ => new LedStripRegisters(),
        };
        _slaves[entry.Address] = new Slave(entry, bank);
        _bus.Add(entry.Address, new WatchedBank(bank, () => _dirty.Add(entry.Address)));
    }

    private static KeypadKey? ParseKey(string key) => key switch
    {
        "call-next" => KeypadKey.CallNext,
        "recall" => KeypadKey.Recall,
        "skip" => KeypadKey.Skip,
        "finish" => KeypadKey.Finish,
        "pause" => KeypadKey.Pause,
        _ => null,
    };

    private sealed class Slave(BusDeviceEntry entry, ArrayRegisterBank bank)
    {
        public BusDeviceEntry Entry { get; } = entry;

        public ArrayRegisterBank Bank { get; } = bank;

        public string? LastReport { get; set; }
    }

    /// <summary>Passes requests to a bank and notes successful writes, so changes are reported once per frame.</summary>
    private sealed class WatchedBank(IModbusRegisterBank inner, Action written) : IModbusRegisterBank
    {
        public ModbusExceptionCode? Read(ushort address, ushort count, Span<ushort> destination) => inner.Read(address, count, destination);

        public ModbusExceptionCode? Write(ushort address, ReadOnlySpan<ushort> values)
        {
            var error = inner.Write(address, values);
            if (error is null)
            {
                written();
            }

            return error;
        }
    }
}
