namespace HallDevices.Devices.Scanner;

/// <summary>A dropped line.</summary>
/// <param name="Reason">Why.</param>
/// <param name="Length">How many bytes were dropped.</param>
public sealed record ScannerRejectedLine(ScannerRejection Reason, int Length);
