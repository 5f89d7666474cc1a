namespace HallDevices.Devices.Scanner;

/// <summary>Line terminator a scanner appends to each code.</summary>
public enum ScannerSuffix
{
    /// <summary><c>0D</c>.</summary>
    Cr,

    /// <summary><c>0D 0A</c>.</summary>
    CrLf,
}
