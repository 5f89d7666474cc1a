using HallDevices.Display.Hosting;
using SkiaSharp;

namespace HallDevices.Display.Board;

/// <summary>Loads the board's CJK font from an explicit file (docs/design.md §7: fallback fonts render Chinese as boxes).</summary>
internal static class BoardFont
{
    public static SKTypeface Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new DisplayStartupException(
                $"Display:Board:FontPath: font file '{path}' not found. Install the Debian package fonts-wqy-microhei (or set Display:Board:FontPath to a CJK font file).");
        }

        var typeface = SKTypeface.FromFile(path, 0)
            ?? throw new DisplayStartupException($"Display:Board:FontPath: '{path}' is not a font SkiaSharp can read.");
        using var probe = new SKFont(typeface);
        if (probe.GetGlyph('号') == 0 || probe.GetGlyph('窗') == 0)
        {
            typeface.Dispose();
            throw new DisplayStartupException($"Display:Board:FontPath: '{path}' has no Chinese glyphs; the board would show boxes. Use a CJK font such as wqy-microhei.ttc.");
        }

        return typeface;
    }
}
