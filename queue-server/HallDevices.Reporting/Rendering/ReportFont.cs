using SkiaSharp;

namespace HallDevices.Reporting.Rendering;

/// <summary>
/// The CJK typeface charts and PDFs draw with, loaded the way the boards and signs load theirs: an explicit
/// font file first (Debian <c>fonts-wqy-microhei</c>), because fontconfig's best match for a plain family can
/// be a font without Chinese glyphs; only when that file is absent, fontconfig is asked for a face that has
/// Chinese glyphs (e.g. <c>fonts-noto-cjk</c>). The PDF backend embeds the glyphs used with their Unicode
/// mapping, so the text of a report can be searched and read back.
/// </summary>
public static class ReportFont
{
    /// <summary>Default CJK font file on Debian (package fonts-wqy-microhei, installed by hall.sh).</summary>
    public const string DefaultPath = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";

    // Characters every report draws: a face without them would print boxes.
    private const string Probe = "第页共评满意号窗";

    // PublicationOnly: a failure is not cached, so installing the font later works without a restart.
    private static readonly Lazy<SKTypeface> Shared = new(() => Load(DefaultPath, allowSystemFallback: true), LazyThreadSafetyMode.PublicationOnly);

    /// <summary>
    /// The process-wide typeface (the default file, else a fontconfig CJK face), loaded once. Not to be
    /// disposed by callers.
    /// </summary>
    /// <exception cref="ReportFontException">Neither the default file nor a system CJK font is there.</exception>
    public static SKTypeface Default => Shared.Value;

    /// <summary>
    /// Loads a typeface from <paramref name="path"/> (face 0 of a .ttc) and checks it has Chinese glyphs. The
    /// caller owns the result.
    /// </summary>
    /// <param name="path">Font file (.ttf, .otf or .ttc).</param>
    /// <param name="allowSystemFallback">When the file is missing, ask fontconfig for a CJK face instead.</param>
    /// <exception cref="ReportFontException">The file is missing (and no fallback), unreadable, or has no Chinese glyphs.</exception>
    public static SKTypeface Load(string path, bool allowSystemFallback = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            if (allowSystemFallback && FromFontconfig() is { } system)
            {
                return system;
            }

            throw new ReportFontException(
                $"Report font '{path}' not found and no system font has Chinese glyphs. Install the Debian package fonts-wqy-microhei (apt-get install fonts-wqy-microhei).");
        }

        var typeface = SKTypeface.FromFile(path, 0)
            ?? throw new ReportFontException($"Report font '{path}' is not a font SkiaSharp can read; use a CJK font such as wqy-microhei.ttc (fonts-wqy-microhei).");
        if (!HasChinese(typeface))
        {
            typeface.Dispose();
            throw new ReportFontException($"Report font '{path}' has no Chinese glyphs; reports would show boxes. Use a CJK font such as wqy-microhei.ttc (fonts-wqy-microhei).");
        }

        return typeface;
    }

    /// <summary>True when the typeface has a real glyph (not the missing-glyph box) for every character of <paramref name="text"/>.</summary>
    public static bool CanDraw(SKTypeface typeface, string text)
    {
        ArgumentNullException.ThrowIfNull(typeface);
        ArgumentNullException.ThrowIfNull(text);
        using var font = new SKFont(typeface);
        return font.GetGlyphs(new string(text.Where(c => !char.IsWhiteSpace(c)).ToArray())).All(g => g != 0);
    }

    private static bool HasChinese(SKTypeface typeface) => CanDraw(typeface, Probe);

    private static SKTypeface? FromFontconfig()
    {
        var match = SKFontManager.Default.MatchCharacter(null, SKFontStyle.Normal, ["zh-CN"], '评');
        if (match is null)
        {
            return null;
        }

        if (HasChinese(match))
        {
            return match;
        }

        match.Dispose();
        return null;
    }
}
