using SkiaSharp;

namespace HallDevices.Reporting.Rendering;

/// <summary>
/// Greedy line breaking for mixed Chinese and Latin text: a line may break between any two CJK characters
/// or at a space, never before closing punctuation (，。、）…); a word longer than the line is cut.
/// </summary>
internal static class TextWrap
{
    private const string NoBreakBefore = "，。、；：！？）」』】》%％,.;:!?)]";

    public static IReadOnlyList<string> Lines(string text, SKFont font, float width)
    {
        var lines = new List<string>();
        foreach (string paragraph in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            Wrap(paragraph, font, width, lines);
        }

        return lines;
    }

    private static void Wrap(string paragraph, SKFont font, float width, List<string> lines)
    {
        int start = 0;
        while (start < paragraph.Length)
        {
            if (font.MeasureText(paragraph.AsSpan(start)) <= width)
            {
                lines.Add(paragraph[start..].TrimEnd());
                return;
            }

            int fits = start + 1;
            while (fits < paragraph.Length && font.MeasureText(paragraph.AsSpan(start, fits + 1 - start)) <= width)
            {
                fits++;
            }

            int end = fits;
            while (end > start + 1 && !CanBreak(paragraph, end))
            {
                end--;
            }

            if (end == start + 1 && !CanBreak(paragraph, end))
            {
                end = fits; // one long word: cut it
            }

            lines.Add(paragraph[start..end].TrimEnd());
            start = end;
            while (start < paragraph.Length && paragraph[start] == ' ')
            {
                start++;
            }
        }

        if (paragraph.Length == 0)
        {
            lines.Add(string.Empty);
        }
    }

    /// <summary>True when a line may end before <paramref name="index"/>.</summary>
    private static bool CanBreak(string text, int index)
    {
        if (index >= text.Length)
        {
            return true;
        }

        char before = text[index - 1];
        char after = text[index];
        if (NoBreakBefore.Contains(after, StringComparison.Ordinal))
        {
            return false;
        }

        return before == ' ' || after == ' ' || IsCjk(before) || IsCjk(after);
    }

    private static bool IsCjk(char c) => c >= '\u2E80';
}
