namespace HallDevices.Devices.Printer;

/// <summary>QR error-correction level (<c>GS ( k</c> fn 69, n = 48..51).</summary>
public enum QrErrorLevel
{
    /// <summary>About 7 % recovery.</summary>
    L = 48,

    /// <summary>About 15 % recovery.</summary>
    M = 49,

    /// <summary>About 25 % recovery.</summary>
    Q = 50,

    /// <summary>About 30 % recovery.</summary>
    H = 51,
}
