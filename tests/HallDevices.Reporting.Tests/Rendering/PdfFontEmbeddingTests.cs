using HallDevices.Reporting.Rendering;
using SkiaSharp;

namespace HallDevices.Reporting.Tests.Rendering;

public class PdfFontEmbeddingTests
{
    [Fact]
    public void A_report_embeds_only_the_glyphs_it_uses_and_is_far_smaller_than_the_font_file()
    {
        byte[] subset = SampleDocuments.Pdf(SampleDocuments.Everything());
        byte[] whole = Write(SampleDocuments.Everything(), subsetFont: false);

        long fontFile = new FileInfo(ReportFont.DefaultPath).Length;
        Assert.True(subset.Length < fontFile / 5, $"PDF {subset.Length} bytes, font file {fontFile}");
        Assert.True(subset.Length * 4 < whole.Length, $"subset {subset.Length} bytes, whole font {whole.Length}");
    }

    [Fact]
    public void Pages_drawn_with_the_cut_down_font_look_exactly_like_pages_drawn_with_the_whole_font()
    {
        using var poppler = new Poppler();
        string subset = poppler.Save(SampleDocuments.Pdf(SampleDocuments.Everything()), "subset.pdf");
        string whole = poppler.Save(Write(SampleDocuments.Everything(), subsetFont: false), "whole.pdf");

        int pages = Poppler.PageCount(whole);
        Assert.Equal(pages, Poppler.PageCount(subset));
        for (int page = 1; page <= pages; page++)
        {
            using var expected = BarPixels.Load(poppler.Raster(whole, page, 72));
            using var actual = BarPixels.Load(poppler.Raster(subset, page, 72));
            Assert.Equal(0, Differing(expected, actual));
        }

        Assert.Equal(Poppler.Text(whole), Poppler.Text(subset));
    }

    private static byte[] Write(ReportDocument document, bool subsetFont)
    {
        using var stream = new MemoryStream();
        PdfWriter.Write(document, stream, null, subsetFont);
        return stream.ToArray();
    }

    private static int Differing(SKBitmap a, SKBitmap b)
    {
        Assert.Equal((a.Width, a.Height), (b.Width, b.Height));
        int count = 0;
        for (int y = 0; y < a.Height; y++)
        {
            for (int x = 0; x < a.Width; x++)
            {
                count += a.GetPixel(x, y) == b.GetPixel(x, y) ? 0 : 1;
            }
        }

        return count;
    }
}
