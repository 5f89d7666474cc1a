namespace HallDevices.Devices.Modbus;

/// <summary>Keys on a window caller keypad; the values are the codes in its event registers.</summary>
public enum KeypadKey : ushort
{
    /// <summary>1: call the next ticket (叫号).</summary>
    CallNext = 1,

    /// <summary>2: call the current ticket again (重呼).</summary>
    Recall = 2,

    /// <summary>3: skip a no-show (过号).</summary>
    Skip = 3,

    /// <summary>4: finish the current case.</summary>
    Finish = 4,

    /// <summary>5: pause the window.</summary>
    Pause = 5,
}

/// <summary>Register addresses shared by the bus devices (see the folder README).</summary>
public static class BusRegisters
{
    /// <summary>Event sequence number, incremented by the device on each key press.</summary>
    public const ushort EventSequence = 0x0000;

    /// <summary>First of <see cref="EventHistory"/> registers holding the latest event codes, newest first.</summary>
    public const ushort EventCodes = 0x0001;

    /// <summary>How many past events the device keeps, so a slow poll loses nothing.</summary>
    public const int EventHistory = 4;

    /// <summary>
    /// Keypad: first display register, the text length in UTF-16 code units (0–8); the text follows
    /// from 0x0011, one code unit per register as on the LED strip, so the display shows Chinese
    /// (无人等候) as well as ticket numbers.
    /// </summary>
    public const ushort KeypadDisplay = 0x0010;

    /// <summary>Keypad: longest text on the display, in UTF-16 code units.</summary>
    public const int KeypadDisplayChars = 8;

    /// <summary>Keypad: the display block, length register and text registers (0x0010–0x0018).</summary>
    public const int KeypadDisplayRegisters = 1 + KeypadDisplayChars;

    /// <summary>Evaluator: prompt lamp and chime, 0 off / 1 on.</summary>
    public const ushort EvaluatorPrompt = 0x0010;

    /// <summary>LED strip: brightness 0–15.</summary>
    public const ushort StripBrightness = 0x0000;

    /// <summary>LED strip: text length in UTF-16 code units, 0–32.</summary>
    public const ushort StripTextLength = 0x0001;

    /// <summary>LED strip: first of 32 text registers, one UTF-16 code unit each.</summary>
    public const ushort StripText = 0x0002;

    /// <summary>LED strip: longest text.</summary>
    public const int StripMaxChars = 32;
}

/// <summary>Reads new events from a device's sequence + history registers.</summary>
internal sealed class EventRing
{
    private ushort? _lastSequence;

    public int Lost { get; private set; }

    public IReadOnlyList<ushort> Take(ReadOnlySpan<ushort> registers)
    {
        ushort sequence = registers[0];
        if (_lastSequence is not { } last)
        {
            // The first poll only learns where the device is; presses before we started are old.
            _lastSequence = sequence;
            return [];
        }

        int fresh = (ushort)(sequence - last);
        _lastSequence = sequence;
        if (fresh > BusRegisters.EventHistory)
        {
            Lost += fresh - BusRegisters.EventHistory;
            fresh = BusRegisters.EventHistory;
        }

        var events = new List<ushort>(fresh);
        for (int i = fresh; i >= 1; i--)
        {
            events.Add(registers[i]);
        }

        return events;
    }
}

/// <summary>Master-side driver for a window caller keypad on the bus.</summary>
/// <param name="master">The bus master.</param>
/// <param name="address">The keypad's slave address.</param>
public sealed class CallerKeypad(ModbusRtuMaster master, byte address)
{
    private readonly EventRing _ring = new();

    /// <summary>The slave address.</summary>
    public byte Address { get; } = address;

    /// <summary>Events lost because more than four keys were pressed between two polls.</summary>
    public int LostEvents => _ring.Lost;

    /// <summary>Reads key presses since the last poll, oldest first (the first poll returns none).</summary>
    public async Task<IReadOnlyList<KeypadKey>> PollAsync(CancellationToken cancellationToken = default)
    {
        ushort[] regs = await master.ReadHoldingRegistersAsync(Address, BusRegisters.EventSequence, 1 + BusRegisters.EventHistory, cancellationToken);
        return _ring.Take(regs).Where(k => Enum.IsDefined((KeypadKey)k)).Select(k => (KeypadKey)k).ToList();
    }

    /// <summary>Shows up to 8 characters, Chinese allowed (the ticket number, 无人等候), in one function-16 write.</summary>
    /// <exception cref="ArgumentException">Longer than the display or holding control characters.</exception>
    public Task ShowAsync(string text, CancellationToken cancellationToken = default) =>
        master.WriteMultipleRegistersAsync(Address, BusRegisters.KeypadDisplay, KeypadText.Encode(text), cancellationToken);

    /// <summary>
    /// Reads the display block back (function 03, 9 registers): a keypad that restarted between two
    /// polls still answers them, but shows nothing until it is written again.
    /// </summary>
    public async Task<string> ReadTextAsync(CancellationToken cancellationToken = default) =>
        KeypadText.Decode(await master.ReadHoldingRegistersAsync(Address, BusRegisters.KeypadDisplay, BusRegisters.KeypadDisplayRegisters, cancellationToken));
}

/// <summary>
/// Encoding of the keypad's display block: a length register, then up to 8 UTF-16 code units, one
/// per register (the LED strip's encoding), so Chinese travels as it is.
/// </summary>
public static class KeypadText
{
    /// <summary>
    /// The 9 registers for <paramref name="text"/>: its length, its code units, zeros after them
    /// (the whole block is written, so nothing of a longer previous text remains in the registers).
    /// </summary>
    /// <exception cref="ArgumentException">Longer than 8 code units or holding control characters.</exception>
    public static ushort[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > BusRegisters.KeypadDisplayChars || text.Any(char.IsControl))
        {
            throw new ArgumentException($"The keypad shows up to {BusRegisters.KeypadDisplayChars} characters and no control characters.", nameof(text));
        }

        var regs = new ushort[BusRegisters.KeypadDisplayRegisters];
        regs[0] = (ushort)text.Length;
        for (int i = 0; i < text.Length; i++)
        {
            regs[1 + i] = text[i];
        }

        return regs;
    }

    /// <summary>The text held by a display block (length register first); a length past 8 reads as 8.</summary>
    public static string Decode(ReadOnlySpan<ushort> registers)
    {
        if (registers.IsEmpty)
        {
            return string.Empty;
        }

        int length = Math.Min(Math.Min((int)registers[0], BusRegisters.KeypadDisplayChars), registers.Length - 1);
        var chars = new char[length];
        for (int i = 0; i < length; i++)
        {
            chars[i] = (char)registers[1 + i];
        }

        return new string(chars);
    }
}

/// <summary>Master-side driver for an evaluator (好差评 pad) on the bus.</summary>
/// <param name="master">The bus master.</param>
/// <param name="address">The evaluator's slave address.</param>
public sealed class Evaluator(ModbusRtuMaster master, byte address)
{
    private readonly EventRing _ring = new();

    /// <summary>The slave address.</summary>
    public byte Address { get; } = address;

    /// <summary>Reads scores (1–5) pressed since the last poll, oldest first (the first poll returns none).</summary>
    public async Task<IReadOnlyList<int>> PollAsync(CancellationToken cancellationToken = default)
    {
        ushort[] regs = await master.ReadHoldingRegistersAsync(Address, BusRegisters.EventSequence, 1 + BusRegisters.EventHistory, cancellationToken);
        return _ring.Take(regs).Where(s => s is >= 1 and <= 5).Select(s => (int)s).ToList();
    }

    /// <summary>Turns the "please rate" prompt on or off.</summary>
    public Task SetPromptAsync(bool on, CancellationToken cancellationToken = default) =>
        master.WriteSingleRegisterAsync(Address, BusRegisters.EvaluatorPrompt, on ? (ushort)1 : (ushort)0, cancellationToken);

    /// <summary>Reads the prompt register back (function 03): an evaluator that restarted comes back with it off.</summary>
    public async Task<bool> ReadPromptAsync(CancellationToken cancellationToken = default) =>
        (await master.ReadHoldingRegistersAsync(Address, BusRegisters.EvaluatorPrompt, 1, cancellationToken))[0] != 0;
}

/// <summary>Master-side driver for an LED window strip on the bus.</summary>
/// <param name="master">The bus master.</param>
/// <param name="address">The strip's slave address.</param>
public sealed class LedWindowStrip(ModbusRtuMaster master, byte address)
{
    /// <summary>The slave address.</summary>
    public byte Address { get; } = address;

    /// <summary>Shows text (up to 32 UTF-16 units; Chinese allowed) in one function-16 write.</summary>
    /// <exception cref="ArgumentException">The text is longer than the strip holds.</exception>
    public Task ShowTextAsync(string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > BusRegisters.StripMaxChars)
        {
            throw new ArgumentException($"The strip holds {BusRegisters.StripMaxChars} characters.", nameof(text));
        }

        var regs = new ushort[1 + text.Length];
        regs[0] = (ushort)text.Length;
        for (int i = 0; i < text.Length; i++)
        {
            regs[i + 1] = text[i];
        }

        return master.WriteMultipleRegistersAsync(Address, BusRegisters.StripTextLength, regs, cancellationToken);
    }

    /// <summary>
    /// Reads brightness and text length back (function 03, two registers): the cheap question a
    /// master asks a strip it has nothing new to tell, to learn that it still answers and still
    /// holds its text (a strip that restarted comes back blank, length 0).
    /// </summary>
    public async Task<LedStripReading> ReadAsync(CancellationToken cancellationToken = default)
    {
        ushort[] regs = await master.ReadHoldingRegistersAsync(Address, BusRegisters.StripBrightness, 2, cancellationToken);
        return new LedStripReading(regs[0], regs[1]);
    }

    /// <summary>Sets brightness 0–15.</summary>
    public Task SetBrightnessAsync(int level, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(level);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, 15);
        return master.WriteSingleRegisterAsync(Address, BusRegisters.StripBrightness, (ushort)level, cancellationToken);
    }
}

/// <summary>What an LED strip reports about itself (<see cref="LedWindowStrip.ReadAsync"/>).</summary>
/// <param name="Brightness">0–15.</param>
/// <param name="TextLength">UTF-16 code units of text it holds, 0 when blank.</param>
public readonly record struct LedStripReading(int Brightness, int TextLength);

/// <summary>Device-side registers of an emulated keypad.</summary>
public sealed class KeypadRegisters : ArrayRegisterBank
{
    /// <summary>Creates the bank (0x0000–0x0018).</summary>
    public KeypadRegisters()
        : base(BusRegisters.KeypadDisplay + BusRegisters.KeypadDisplayRegisters) =>
        AllowWrite(BusRegisters.KeypadDisplay, BusRegisters.KeypadDisplayRegisters);

    /// <summary>Simulates a key press.</summary>
    public void Press(KeypadKey key) => EventRegisters.Push(this, (ushort)key);

    /// <summary>What the display shows.</summary>
    public string DisplayText
    {
        get
        {
            Span<ushort> regs = stackalloc ushort[BusRegisters.KeypadDisplayRegisters];
            Read(BusRegisters.KeypadDisplay, (ushort)regs.Length, regs);
            return KeypadText.Decode(regs);
        }
    }

    /// <inheritdoc />
    protected override ModbusExceptionCode? Validate(ushort address, ReadOnlySpan<ushort> values) =>
        address == BusRegisters.KeypadDisplay && values.Length > 0 && values[0] > BusRegisters.KeypadDisplayChars
            ? ModbusExceptionCode.IllegalDataValue
            : null;
}

/// <summary>Device-side registers of an emulated evaluator.</summary>
public sealed class EvaluatorRegisters : ArrayRegisterBank
{
    /// <summary>Creates the bank (0x0000–0x0010).</summary>
    public EvaluatorRegisters()
        : base(BusRegisters.EvaluatorPrompt + 1) => AllowWrite(BusRegisters.EvaluatorPrompt, 1);

    /// <summary>Simulates pressing score 1–5.</summary>
    public void Press(int score)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(score, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(score, 5);
        EventRegisters.Push(this, (ushort)score);
    }

    /// <summary>Whether the prompt is on.</summary>
    public bool Prompt => this[BusRegisters.EvaluatorPrompt] == 1;

    /// <inheritdoc />
    protected override ModbusExceptionCode? Validate(ushort address, ReadOnlySpan<ushort> values) =>
        values.ContainsAnyExcept((ushort)0, (ushort)1) ? ModbusExceptionCode.IllegalDataValue : null;
}

/// <summary>Device-side registers of an emulated LED window strip.</summary>
public sealed class LedStripRegisters : ArrayRegisterBank
{
    /// <summary>Creates the bank (0x0000–0x0021), brightness 8.</summary>
    public LedStripRegisters()
        : base(BusRegisters.StripText + BusRegisters.StripMaxChars)
    {
        AllowWrite(0, BusRegisters.StripText + BusRegisters.StripMaxChars);
        this[BusRegisters.StripBrightness] = 8;
    }

    /// <summary>Raised after the master changed text or brightness.</summary>
    public event EventHandler? Changed;

    /// <summary>Brightness 0–15.</summary>
    public int Brightness => this[BusRegisters.StripBrightness];

    /// <summary>The text shown.</summary>
    public string Text
    {
        get
        {
            int length = Math.Min((int)this[BusRegisters.StripTextLength], BusRegisters.StripMaxChars);
            var chars = new char[length];
            for (int i = 0; i < length; i++)
            {
                chars[i] = (char)this[BusRegisters.StripText + i];
            }

            return new string(chars);
        }
    }

    /// <inheritdoc />
    protected override ModbusExceptionCode? Validate(ushort address, ReadOnlySpan<ushort> values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            int a = address + i;
            if ((a == BusRegisters.StripBrightness && values[i] > 15) || (a == BusRegisters.StripTextLength && values[i] > BusRegisters.StripMaxChars))
            {
                return ModbusExceptionCode.IllegalDataValue;
            }
        }

        return null;
    }

    /// <inheritdoc />
    protected override void OnWritten(int address, int count) => Changed?.Invoke(this, EventArgs.Empty);
}

/// <summary>Shared event-register behaviour of keypads and evaluators.</summary>
internal static class EventRegisters
{
    public static void Push(ArrayRegisterBank bank, ushort code)
    {
        for (int i = BusRegisters.EventHistory; i > 1; i--)
        {
            bank[BusRegisters.EventCodes + i - 1] = bank[BusRegisters.EventCodes + i - 2];
        }

        bank[BusRegisters.EventCodes] = code;
        bank[BusRegisters.EventSequence] = (ushort)(bank[BusRegisters.EventSequence] + 1);
    }
}
