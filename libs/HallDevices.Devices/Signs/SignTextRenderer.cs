using HallDevices.Devices.Imaging;
using SkiaSharp;

namespace HallDevices.Devices.Signs;

/// <summary>
/// Renders text to a 1-bit bitmap for LED signs with SkiaSharp. The font file is loaded
/// explicitly (docs/design.md §7: system font lookup renders Chinese as empty boxes), e.g.
/// <c>/usr/share/fonts/truetype/wqy/wqy-microhei.ttc</c>. Antialiasing is off so pixels are crisp.
/// </summary>
public sealed class SignTextRenderer : IDisposable
{
    /// <summary>Default CJK font on Debian (package fonts-wqy-microhei).</summary>
    public const string DefaultFontPath = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";

    private readonly SKTypeface _typeface;

    /// <summary>Loads the font file.</summary>
    /// <exception cref="FileNotFoundException">The font file does not exist or cannot be loaded.</exception>
    public SignTextRenderer(string fontPath = DefaultFontPath, int faceIndex = 0)
    {
        if (!File.Exists(fontPath))
        {
            throw new FileNotFoundException("Sign font not found.", fontPath);
        }

        _typeface = SKTypeface.FromFile(fontPath, faceIndex) ?? throw new FileNotFoundException("Sign font could not be loaded.", fontPath);
    }

    /// <summary>True when the font has a real glyph for every character (not the missing-glyph box).</summary>
    public bool CanRender(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var font = new SKFont(_typeface);
        ushort[] glyphs = font.GetGlyphs(new string(text.Where(c => !char.IsWhiteSpace(c)).ToArray()));
        return glyphs.All(g => g != 0);
    }

    /// <summary>Renders one line of text at the given pixel height; width follows the text.</summary>
    public MonoBitmap Render(string text, int height = 8)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 5);
        using var font = new SKFont(_typeface, height) { Edging = SKFontEdging.Alias, Hinting = SKFontHinting.Full };
        // Scale the font so ascent + descent fills the height: CJK glyphs use the full em box.
        float span = font.Metrics.Descent - font.Metrics.Ascent;
        font.Size = height * height / span;
        int width = Math.Max(1, (int)Math.Ceiling(font.MeasureText(text)));
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Gray8, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(bitmap))
        using (var paint = new SKPaint { Color = SKColors.White, IsAntialias = false })
        {
            canvas.Clear(SKColors.Black);
            canvas.DrawText(text, 0, -font.Metrics.Ascent, SKTextAlign.Left, font, paint);
        }

        var result = new MonoBitmap(width, height);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                result[x, y] = bitmap.GetPixel(x, y).Red >= 128;
            }
        }

        return result;
    }

    /// <inheritdoc />
    public void Dispose() => _typeface.Dispose();
}
