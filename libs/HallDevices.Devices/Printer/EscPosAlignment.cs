namespace HallDevices.Devices.Printer;

/// <summary>Horizontal alignment (<c>ESC a n</c>).</summary>
public enum EscPosAlignment
{
    /// <summary>n = 0.</summary>
    Left = 0,

    /// <summary>n = 1.</summary>
    Center = 1,

    /// <summary>n = 2.</summary>
    Right = 2,
}
