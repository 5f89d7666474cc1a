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
