namespace HallDevices.Devices.Scanner;

/// <summary>Why a line was dropped.</summary>
public enum ScannerRejection
{
    /// <summary>Longer than <see cref="ScannerFraming.MaxLength"/>.</summary>
    TooLong,

    /// <summary>Control bytes or invalid UTF-8: not something a scanner reads off a code.</summary>
    Binary,
}
