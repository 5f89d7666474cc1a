using System.Text;

namespace HallDevices.Display.Voice;

/// <summary>
/// How numbers are read aloud in a Chinese hall. Ticket numbers are read digit by digit
/// (A012 → "A 零一二", the way staff read them and the way citizens match the slip), while window
/// numbers are read as numbers (12号窗口 → "十二号窗口"), because that is the window's name.
/// </summary>
internal static class ChineseNumerals
{
    private static readonly string[] Digit = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    private static readonly string[] Unit = ["", "十", "百", "千"];

    /// <summary>Each digit on its own: "012" → "零一二".</summary>
    public static string Digits(ReadOnlySpan<char> digits)
    {
        var sb = new StringBuilder(digits.Length);
        foreach (var c in digits)
        {
            sb.Append(char.IsAsciiDigit(c) ? Digit[c - '0'] : c.ToString());
        }

        return sb.ToString();
    }

    /// <summary>A number as a number, 0 to 99 999 999: 3 → 三, 10 → 十, 12 → 十二, 105 → 一百零五, 2024 → 二千零二十四, 10000 → 一万.</summary>
    public static string Number(long n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(n, 99_999_999);
        if (n == 0)
        {
            return Digit[0];
        }

        var high = n / 10_000;
        var low = n % 10_000;
        if (high == 0)
        {
            return Below10000((int)low, leading: true);
        }

        var text = Below10000((int)high, leading: true) + "万";
        if (low == 0)
        {
            return text;
        }

        // 10 005 → 一万零五: a gap of a whole unit is read as 零.
        return text + (low < 1000 ? "零" : string.Empty) + Below10000((int)low, leading: false);
    }

    /// <summary>A ticket number read aloud: letters spelled, digits one by one ("A012" → "A 零一二", "AB7" → "A B 七").</summary>
    public static string Ticket(string ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var sb = new StringBuilder();
        var i = 0;
        while (i < ticket.Length)
        {
            if (char.IsAsciiDigit(ticket[i]))
            {
                var start = i;
                while (i < ticket.Length && char.IsAsciiDigit(ticket[i]))
                {
                    i++;
                }

                Space(sb).Append(Digits(ticket.AsSpan(start, i - start)));
            }
            else
            {
                // Spaces between letters make the engine spell them instead of reading a word.
                Space(sb).Append(char.ToUpperInvariant(ticket[i]));
                i++;
            }
        }

        return sb.ToString();
    }

    /// <summary>Digit runs in a name read as numbers: "3号窗口" → "三号窗口", "12号综合窗口" → "十二号综合窗口".</summary>
    public static string NumbersIn(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                sb.Append(text[i++]);
                continue;
            }

            var start = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            var run = text.AsSpan(start, i - start);
            sb.Append(run.Length <= 8 ? Number(long.Parse(run, provider: System.Globalization.CultureInfo.InvariantCulture)) : Digits(run));
        }

        return sb.ToString();
    }

    private static string Below10000(int n, bool leading)
    {
        var sb = new StringBuilder();
        var zero = false;
        for (var pos = 3; pos >= 0; pos--)
        {
            var d = n / (int)Math.Pow(10, pos) % 10;
            if (d == 0)
            {
                zero = sb.Length > 0;
                continue;
            }

            if (zero)
            {
                sb.Append(Digit[0]);
                zero = false;
            }

            // 10..19 at the start is 十, 十一 — not 一十, 一十一.
            if (!(leading && pos == 1 && d == 1 && sb.Length == 0))
            {
                sb.Append(Digit[d]);
            }

            sb.Append(Unit[pos]);
        }

        return sb.ToString();
    }

    private static StringBuilder Space(StringBuilder sb) => sb.Length > 0 ? sb.Append(' ') : sb;
}
