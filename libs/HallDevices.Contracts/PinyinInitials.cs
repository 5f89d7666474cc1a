namespace HallDevices.Contracts;

/// <summary>
/// The catalogue's pinyin initials pattern (<see cref="CatalogServiceEntry.Initials"/>): one token per
/// searchable character of a name — a letter, or <c>[xy]</c> for a character read several ways
/// (长 → <c>[cz]</c>) — so 社会保障卡 → <c>s[hk]bz[kq]</c> and a citizen typing <c>shbzk</c>, <c>bzk</c> or <c>sbk</c> finds it
/// on a kiosk without a Chinese input method.
/// </summary>
public static class PinyinInitials
{
    /// <summary>True when <paramref name="pattern"/> is letters, digits and well-formed <c>[..]</c> groups.</summary>
    public static bool IsValid(string? pattern)
    {
        if (pattern is null)
        {
            return false;
        }

        var inGroup = false;
        var groupSize = 0;
        foreach (var c in pattern)
        {
            if (c == '[')
            {
                if (inGroup)
                {
                    return false;
                }

                inGroup = true;
                groupSize = 0;
            }
            else if (c == ']')
            {
                if (!inGroup || groupSize < 2)
                {
                    return false;
                }

                inGroup = false;
            }
            else if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                groupSize++;
            }
            else
            {
                return false;
            }
        }

        return !inGroup;
    }

    /// <summary>The number of tokens (searchable characters) in a valid pattern.</summary>
    public static int TokenCount(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var count = 0;
        var inGroup = false;
        foreach (var c in pattern)
        {
            if (c == '[')
            {
                inGroup = true;
                count++;
            }
            else if (c == ']')
            {
                inGroup = false;
            }
            else if (!inGroup)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// Where the letters and digits of <paramref name="query"/> (case and anything else ignored) match
    /// consecutive tokens of <paramref name="pattern"/>: the index of the first matching token, or -1
    /// (also for a query without letters or digits).
    /// </summary>
    public static int Matches(string pattern, string query)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(query);
        Span<char> q = stackalloc char[Math.Min(query.Length, 64)];
        var n = 0;
        foreach (var c in query)
        {
            var lower = char.ToLowerInvariant(c);
            if (n < q.Length && lower is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                q[n++] = lower;
            }
        }

        if (n == 0)
        {
            return -1;
        }

        // Token start offsets: names are short (≤ 64 tokens), so this stays on the stack.
        Span<int> starts = stackalloc int[Math.Max(1, pattern.Length)];
        var tokens = 0;
        for (var i = 0; i < pattern.Length; i++)
        {
            starts[tokens++] = i;
            if (pattern[i] == '[')
            {
                var close = pattern.IndexOf(']', i);
                i = close < 0 ? pattern.Length : close;
            }
        }

        for (var first = 0; first + n <= tokens; first++)
        {
            var all = true;
            for (var k = 0; k < n && all; k++)
            {
                all = TokenAllows(pattern, starts[first + k], q[k]);
            }

            if (all)
            {
                return first;
            }
        }

        return -1;
    }

    /// <summary>
    /// True when the letters and digits of <paramref name="query"/> match tokens of
    /// <paramref name="pattern"/> in order, gaps allowed: 社会保障卡申领 (<c>s[hk]bz[kq]sl</c>) for <c>sbk</c>,
    /// the way citizens shorten 社会保障卡 to 社保卡. Search ranks these after consecutive matches.
    /// </summary>
    public static bool IsSubsequence(string pattern, string query)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(query);
        var i = 0;
        var any = false;
        foreach (var c in query)
        {
            var letter = char.ToLowerInvariant(c);
            if (letter is not ((>= 'a' and <= 'z') or (>= '0' and <= '9')))
            {
                continue;
            }

            any = true;

            // Taking the earliest token that allows each letter never loses a match, so one pass decides.
            var found = false;
            while (i < pattern.Length && !found)
            {
                var start = i;
                i = pattern[i] == '[' ? Math.Max(pattern.IndexOf(']', i), i) + 1 : i + 1;
                found = TokenAllows(pattern, start, letter);
            }

            if (!found)
            {
                return false;
            }
        }

        return any;
    }

    private static bool TokenAllows(string pattern, int start, char letter)
    {
        if (pattern[start] != '[')
        {
            return pattern[start] == letter;
        }

        for (var i = start + 1; i < pattern.Length && pattern[i] != ']'; i++)
        {
            if (pattern[i] == letter)
            {
                return true;
            }
        }

        return false;
    }
}
