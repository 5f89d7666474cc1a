using HallDevices.Kiosk.Tickets;
using ZXing;

namespace HallDevices.Kiosk.Tests.Tickets;

public class TicketRendererTests
{
    internal const string Font = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";

    private static readonly TicketContent Sample = new(
        "新桥镇为民服务中心", "A012", "城乡居民养老保险参保登记", 3, 18,
        new DateTimeOffset(2026, 11, 27, 9, 30, 0, TimeSpan.FromHours(8)), "1101**********002X",
        "http://hall.example/t/xinqiao/A012");

    internal static string? DecodeQr(HallDevices.Devices.Imaging.MonoBitmap image)
    {
        var gray = new byte[image.Width * image.Height];
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                gray[(y * image.Width) + x] = image[x, y] ? (byte)0 : (byte)255;
            }
        }

        var reader = new BarcodeReaderGeneric { Options = { PossibleFormats = [BarcodeFormat.QR_CODE], TryHarder = true } };
        return reader.Decode(new RGBLuminanceSource(gray, image.Width, image.Height, RGBLuminanceSource.BitmapFormat.Gray8))?.Text;
    }

    [Theory]
    [InlineData(58, 384)]
    [InlineData(80, 576)]
    public void A_ticket_is_a_raster_as_wide_as_the_paper_whose_qr_decodes_to_the_tracking_url(int paper, int dots)
    {
        using var renderer = new TicketRenderer(paper, Font);

        var image = renderer.RenderMonochrome(Sample);

        Assert.Equal(dots, image.Width);
        Assert.InRange(image.Height, dots, dots * 4);
        Assert.Equal(Sample.TrackUrl, DecodeQr(image));
    }

    [Fact]
    public void The_number_is_the_tallest_text_and_comes_right_after_the_hall_name()
    {
        using var renderer = new TicketRenderer(80, Font);
        var image = renderer.RenderMonochrome(Sample);

        // Bands of consecutive inked rows above the QR code: one per printed line.
        var bands = new List<(int Top, int Height)>();
        var top = -1;
        for (var y = 0; y < image.Height * 55 / 100; y++)
        {
            var inked = Enumerable.Range(0, image.Width).Any(x => image[x, y]);
            if (inked && top < 0)
            {
                top = y;
            }
            else if (!inked && top >= 0)
            {
                bands.Add((top, y - top));
                top = -1;
            }
        }

        Assert.True(bands.Count >= 5, $"expected hall name, number and detail lines, found {bands.Count} bands");
        var tallest = bands.MaxBy(b => b.Height);
        Assert.Equal(bands[1], tallest);
        Assert.True(tallest.Height > 2.5 * bands.Where(b => b != tallest).Max(b => b.Height), "the number should stand out");
    }

    [Fact]
    public void Chinese_text_renders_as_glyphs_not_empty_boxes()
    {
        using var renderer = new TicketRenderer(80, Font);
        using var chinese = renderer.Render(Sample with { Number = "", Hint = "" });
        using var boxes = renderer.Render(Sample with { Number = "", Hint = "", HallName = "\uFFFF\uFFFF\uFFFF\uFFFF\uFFFF\uFFFF" });

        // A real CJK font gives each hanzi its own strokes, so two different titles differ in ink.
        Assert.NotEqual(TicketRenderer.ToMonochrome(chinese).ToPackedRows(), TicketRenderer.ToMonochrome(boxes).ToPackedRows());
    }

    [Fact]
    public void A_missing_font_is_reported_by_path()
    {
        var e = Assert.Throws<FileNotFoundException>(() => new TicketRenderer(58, "/nonexistent/font.ttf"));

        Assert.Contains("/nonexistent/font.ttf", e.Message, StringComparison.Ordinal);
    }
}
