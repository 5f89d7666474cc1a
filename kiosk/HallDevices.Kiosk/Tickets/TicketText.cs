using System.Text;
using System.Text.RegularExpressions;

namespace HallDevices.Kiosk.Tickets;

/// <summary>Line wrapping for receipts, shared by the raster ticket (pixels) and the printer's text mode (columns).</summary>
public static partial class TicketText
{
    /// <summary>Characters that must not start a line (Chinese line-breaking rules): they stay with the character before.</summary>
    private const string NoLineStart = "，。、；：？！）》」』】〕”’…%,.;:?!)]}";

    private const int IdeographicSpace = 0x3000;

    /// <summary>Characters that must not end a line: they go down with the character after.</summary>
    private const string NoLineEnd = "（《「『【〔“‘([{";

    /// <summary>
    /// Columns of <paramref name="text"/> in the printer's text mode (Chinese mode, font A: 12 dots an
    /// ASCII character, 24 a Chinese one): 1 per ASCII character, 2 per anything else.
    /// </summary>
    public static int Columns(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var columns = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            columns += rune.Value < 0x80 ? 1 : 2;
        }

        return columns;
    }

    /// <summary>Text-mode columns per line: 32 on 58 mm paper (384 dots), 48 on 80 mm (576 dots).</summary>
    public static int ColumnsPerLine(int paperWidthMm) => paperWidthMm switch
    {
        58 => 32,
        80 => 48,
        _ => throw new ArgumentOutOfRangeException(nameof(paperWidthMm), paperWidthMm, "paper width must be 58 or 80 mm"),
    };

    /// <summary>
    /// Breaks <paramref name="text"/> into lines no wider than <paramref name="width"/> as
    /// <paramref name="measure"/> counts (pixels or columns). Chinese breaks between any two
    /// characters, a run of Latin letters and digits only at a space (unless the word alone is
    /// too wide), phrases set apart by an ideographic space at that space, closing punctuation
    /// never starts a line nor an opening one ends it, and the lines after the first of a
    /// numbered item (<c>3. …</c>) are indented under its text.
    /// </summary>
    public static IReadOnlyList<string> Wrap(string text, float width, Func<string, float> measure)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(measure);
        if (measure(text) <= width)
        {
            return [text];
        }

        var indent = Indent(text, width, measure);
        var lines = new List<string>();
        var line = new StringBuilder();
        var content = 0; // runes of text (not indent) on the current line
        foreach (var rune in text.EnumerateRunes())
        {
            var r = rune.ToString();
            if (content > 0 && measure(line + r) > width)
            {
                var carry = "";
                var current = line.ToString();
                var start = lines.Count == 0 ? 0 : indent.Length;
                if (NoLineStart.Contains(r, StringComparison.Ordinal) && content > 1)
                {
                    // Take the last character down with the punctuation (and any punctuation before it: "”）").
                    do
                    {
                        var last = LastRuneLength(current);
                        carry = current[^last..] + carry;
                        current = current[..^last];
                    }
                    while (current.Length > start + 1 && NoLineStart.Contains(carry[0], StringComparison.Ordinal));
                }
                else if (IsWordChar(rune) && current.Length > start && IsWordChar(Rune.GetRuneAt(current, current.Length - LastRuneLength(current))))
                {
                    var space = current.LastIndexOf(' ');
                    if (space > start)
                    {
                        carry = current[(space + 1)..];
                        current = current[..space];
                    }
                }
                else if (rune.Value != IdeographicSpace && current.LastIndexOf((char)IdeographicSpace) is var phrase && phrase > start)
                {
                    // Phrases set apart by an ideographic space (最多跑一次　可全程网办) stay whole.
                    carry = current[(phrase + 1)..];
                    current = current[..phrase];
                }

                while (current.Length > start + 1 && NoLineEnd.Contains(current[^1], StringComparison.Ordinal))
                {
                    // An opening bracket or quote goes down with what it opens.
                    carry = current[^1] + carry;
                    current = current[..^1];
                }

                lines.Add(current.TrimEnd(' ', (char)IdeographicSpace));
                line.Clear().Append(indent).Append(carry.TrimStart());
                content = carry.Length;
            }

            if (content == 0 && rune.Value is (' ' or IdeographicSpace) && lines.Count > 0)
            {
                continue; // a space the break ate
            }

            line.Append(r);
            content++;
        }

        if (content > 0)
        {
            lines.Add(line.ToString().TrimEnd());
        }

        return lines;
    }

    private static string Indent(string text, float width, Func<string, float> measure)
    {
        var number = NumberedItem().Match(text);
        if (!number.Success)
        {
            return "";
        }

        // As many spaces as cover the number, but never so many that the text has no room.
        var target = measure(number.Value);
        var indent = "";
        while (measure(indent + " ") <= target && measure(indent + "  ") < width / 2)
        {
            indent += " ";
        }

        return indent;
    }

    private static bool IsWordChar(Rune rune) => rune.Value < 0x80 && Rune.IsLetterOrDigit(rune);

    private static int LastRuneLength(string s) => s.Length >= 2 && char.IsLowSurrogate(s[^1]) ? 2 : 1;

    [GeneratedRegex(@"^\d{1,2}\. ")]
    private static partial Regex NumberedItem();
}
