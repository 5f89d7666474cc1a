using System.Text;

namespace HallDevices.Queueing.Halls;

/// <summary>
/// Pinyin initials of Chinese characters, from a table generated out of Unicode's Unihan database
/// (<c>tools/pinyin/</c>), and the <em>initials pattern</em> of a service name built from them:
/// one token per searchable character, e.g. 户口迁移（长期） → <c>hkqy[cz][jq]</c>.
/// </summary>
/// <remarks>
/// The table covers the CJK Unified Ideographs block (U+4E00–U+9FFF), which holds all of GB 2312.
/// It is read from an embedded resource on first use; every member is thread-safe.
/// </remarks>
public static class PinyinTable
{
    private const char First = '\u4E00';
    private const char Last = '\u9FFF';
    private const string ResourceName = "HallDevices.Queueing.Halls.Pinyin.pinyin-initials.txt";

    // Indexed by code point - U+4E00; null where Unihan has no reading. Lazy because only a server
    // that parses hall files needs it, and then once: ~21,000 lines, about 10 ms with the JIT.
    private static readonly Lazy<string?[]> Table = new(Load);

    /// <summary>Gets the initial letters of a character's pinyin readings.</summary>
    /// <param name="c">A Chinese character.</param>
    /// <param name="initials">
    /// The distinct lowercase initials, sorted (长 → <c>"cz"</c>, 社 → <c>"s"</c>); empty when not found.
    /// </param>
    /// <returns>Whether the table has the character.</returns>
    public static bool TryGetInitials(char c, out string initials)
    {
        initials = c is >= First and <= Last ? Table.Value[c - First] ?? "" : "";
        return initials.Length > 0;
    }

    /// <summary>
    /// Builds the initials pattern of a name: a CJK character gives its initial, or all of them in
    /// brackets when it has several (长 → <c>[cz]</c>); an ASCII letter or digit, also full-width,
    /// gives itself lowercased; anything else (punctuation, （）, spaces, ·, 、) gives nothing.
    /// </summary>
    /// <param name="text">A service or category name.</param>
    /// <param name="missing">
    /// The first CJK character the table lacks, when the result is null; otherwise <c>'\0'</c>. For an
    /// ideograph outside the Basic Multilingual Plane this is its high surrogate.
    /// </param>
    /// <returns>The pattern (社会保障卡申领 → <c>s[hk]bz[kq]sl</c>), or null when a character is missing.</returns>
    public static string? InitialsOf(string text, out char missing)
    {
        ArgumentNullException.ThrowIfNull(text);
        missing = '\0';
        var table = Table.Value;
        var pattern = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            switch (Classify(c))
            {
                case Kind.Ascii:
                    pattern.Append(AsciiLower(c));
                    break;
                case Kind.Cjk:
                    var initials = c is >= First and <= Last ? table[c - First] : null;
                    if (initials is null)
                    {
                        missing = c;
                        return null;
                    }
                    if (initials.Length == 1)
                        pattern.Append(initials[0]);
                    else
                        pattern.Append('[').Append(initials).Append(']');
                    break;
            }
        }
        return pattern.ToString();
    }

    /// <summary>
    /// The number of tokens the initials pattern of <paramref name="text"/> has (CJK characters,
    /// whether in the table or not, and ASCII letters and digits): the length an <c>initials</c>
    /// override of the name must have.
    /// </summary>
    /// <param name="text">A service or category name.</param>
    /// <returns>The count of searchable characters.</returns>
    public static int SearchableLength(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var n = 0;
        foreach (var c in text)
        {
            if (Classify(c) != Kind.None)
                n++;
        }
        return n;
    }

    /// <summary>
    /// Whether <paramref name="letter"/> may stand for <paramref name="c"/> in an initials pattern:
    /// one of a CJK character's initials (a lowercase letter), or for an ASCII letter or digit (also
    /// full-width) the same letter or digit ignoring case. False for a character that gives no token.
    /// </summary>
    /// <param name="c">A character of a name.</param>
    /// <param name="letter">A letter of an <c>initials</c> override.</param>
    /// <returns>Whether the letter matches the character.</returns>
    public static bool Allows(char c, char letter) => Classify(c) switch
    {
        Kind.Ascii => AsciiLower(c) == AsciiLower(letter),
        Kind.Cjk => letter is >= 'a' and <= 'z' && TryGetInitials(c, out var initials) && initials.Contains(letter, StringComparison.Ordinal),
        _ => false,
    };

    /// <summary>True for a character that gives a token of the initials pattern (CJK, whether in the table or not, or an ASCII letter or digit).</summary>
    /// <param name="c">A character of a name.</param>
    /// <returns>Whether it counts in <see cref="SearchableLength"/>.</returns>
    public static bool IsSearchable(char c) => Classify(c) != Kind.None;

    /// <summary>
    /// Whether an <c>initials</c> override may give <paramref name="letter"/> for <paramref name="c"/>:
    /// as <see cref="Allows"/>, except that a CJK character the table lacks takes any letter (that is
    /// what an override is for).
    /// </summary>
    /// <param name="c">A searchable character of a name.</param>
    /// <param name="letter">The override's letter for it.</param>
    /// <returns>Whether the override may say so.</returns>
    public static bool OverrideAllows(char c, char letter) =>
        (Classify(c) == Kind.Cjk && !TryGetInitials(c, out _)) || Allows(c, letter);

    private enum Kind { None, Ascii, Cjk }

    private static Kind Classify(char c)
    {
        if (AsciiLower(c) != '\0')
            return Kind.Ascii;
        // Beyond the table's block, these look like hanzi too: Extension A, compatibility ideographs,
        // Kangxi and supplementary radicals (text copied from PDFs often has ⻓ for 长), and the high
        // surrogates of planes 2 and 3 (Extensions B–H). Counting them as CJK makes a name holding one
        // an error naming it, rather than a pattern silently one token short.
        return c switch
        {
            >= '\u2E80' and <= '\u2FDF' => Kind.Cjk,
            >= '\u3400' and <= '\u4DBF' => Kind.Cjk,
            >= First and <= Last => Kind.Cjk,
            >= '\uD840' and <= '\uD8BF' => Kind.Cjk,
            >= '\uF900' and <= '\uFAFF' => Kind.Cjk,
            _ => Kind.None,
        };
    }

    /// <summary>An ASCII letter or digit lowercased, full-width forms (Ａ, １) folded; otherwise '\0'.</summary>
    private static char AsciiLower(char c)
    {
        if (c is >= '\uFF10' and <= '\uFF5A')
            c = (char)(c - 0xFEE0);
        return c switch
        {
            >= '0' and <= '9' or >= 'a' and <= 'z' => c,
            >= 'A' and <= 'Z' => (char)(c + ('a' - 'A')),
            _ => '\0',
        };
    }

    private static string?[] Load()
    {
        using var stream = typeof(PinyinTable).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var table = new string?[Last - First + 1];
        // ~4,000 lines share a few hundred distinct letter sets: keep one string per set.
        var shared = new Dictionary<string, string>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0 || line[0] == '#')
                continue;
            var c = line[0];
            var letters = line.AsSpan(2);
            if (line.Length < 3 || line[1] != '\t' || c is < First or > Last || letters.ContainsAnyExceptInRange('a', 'z'))
                throw new InvalidOperationException($"{ResourceName}:{number}: not a 字<TAB>letters line");
            if (!shared.TryGetValue(letters, out var initials))
            {
                initials = letters.ToString();
                shared.Dictionary.Add(initials, initials);
            }
            table[c - First] = initials;
        }
        return table;
    }
}
