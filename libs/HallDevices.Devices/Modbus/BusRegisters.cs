namespace HallDevices.Devices.Modbus;

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
