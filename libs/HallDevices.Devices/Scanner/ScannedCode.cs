namespace HallDevices.Devices.Scanner;

/// <summary>A code read by the scanner.</summary>
/// <param name="Code">The code text, prefix and suffix removed.</param>
/// <param name="ScannedAt">When the line completed.</param>
public sealed record ScannedCode(string Code, DateTimeOffset ScannedAt);
