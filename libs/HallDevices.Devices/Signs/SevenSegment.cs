namespace HallDevices.Devices.Signs;

/// <summary>
/// 7-segment patterns (bit 0 = a … bit 6 = g, bit 7 = dp/colon), the layout TM1637 modules use.
/// </summary>
public static class SevenSegment
{
    private static readonly Dictionary<char, byte> Patterns = new()
    {
        ['0'] = 0x3F, ['1'] = 0x06, ['2'] = 0x5B, ['3'] = 0x4F, ['4'] = 0x66,
        ['5'] = 0x6D, ['6'] = 0x7D, ['7'] = 0x07, ['8'] = 0x7F, ['9'] = 0x6F,
        ['A'] = 0x77, ['B'] = 0x7C, ['C'] = 0x39, ['D'] = 0x5E, ['E'] = 0x79, ['F'] = 0x71,
        ['H'] = 0x76, ['L'] = 0x38, ['P'] = 0x73, ['U'] = 0x3E, ['-'] = 0x40, [' '] = 0x00, ['_'] = 0x08,
    };

    /// <summary>Pattern for a character; unknown characters are blank.</summary>
    public static byte Encode(char c) => Patterns.GetValueOrDefault(char.ToUpperInvariant(c));

    /// <summary>The character a pattern shows, ignoring dp; '?' when none matches.</summary>
    public static char Decode(byte pattern)
    {
        byte bare = (byte)(pattern & 0x7F);
        foreach (var (c, p) in Patterns)
        {
            if (p == bare)
            {
                return c;
            }
        }

        return '?';
    }

    /// <summary>True when the character has a pattern.</summary>
    public static bool CanShow(char c) => Patterns.ContainsKey(char.ToUpperInvariant(c));
}
