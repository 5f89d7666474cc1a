using SkiaSharp;

namespace HallDevices.Reporting.Rendering;

/// <summary>
/// First pass of the PDF: blocks are placed on A4 pages as drawing steps, so the number of pages is known
/// before anything is drawn and every footer can say 共 M 页.
/// </summary>
internal sealed class PdfPageLayout
{
    /// <summary>A4 in points.</summary>
    public const float PageWidth = 595.28f;

    /// <summary>A4 in points.</summary>
    public const float PageHeight = 841.89f;

    /// <summary>20 mm on every side; header and footer sit in the top and bottom margins.</summary>
    public const float Margin = 56.7f;

    private readonly List<List<Action<SKCanvas>>> _pages = [];

    public PdfPageLayout() => NewPage();

    public IReadOnlyList<IReadOnlyList<Action<SKCanvas>>> Pages => _pages;

    /// <summary>Top of the next block, in points from the top of the page.</summary>
    public float Y { get; set; }

    public static float Left => Margin;

    public static float ContentWidth => PageWidth - (2 * Margin);

    public static float Bottom => PageHeight - Margin;

    public static float ContentHeight => Bottom - Margin;

    public float Remaining => Bottom - Y;

    public bool AtTop => Y <= Margin + 0.01f;

    public void NewPage()
    {
        _pages.Add([]);
        Y = Margin;
    }

    /// <summary>Starts a new page unless <paramref name="height"/> fits below (or the page is still empty).</summary>
    public void Ensure(float height)
    {
        if (height > Remaining && !AtTop)
        {
            NewPage();
        }
    }

    /// <summary>Adds a drawing step to the current page.</summary>
    public void Add(Action<SKCanvas> draw) => _pages[^1].Add(draw);
}
