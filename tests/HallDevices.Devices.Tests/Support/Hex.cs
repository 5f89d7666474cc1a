using System.Globalization;

namespace HallDevices.Devices.Tests.Support;

/// <summary>Hex helpers so tests can state frames the way datasheets print them.</summary>
public static class Hex
{
    public static byte[] Bytes(string hex)
    {
        string compact = hex.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        return Convert.FromHexString(compact);
    }

    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes);

    public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    public static string Spaced(ReadOnlySpan<byte> bytes) =>
        string.Join(' ', bytes.ToArray().Select(b => b.ToString("X2", CultureInfo.InvariantCulture)));
}
