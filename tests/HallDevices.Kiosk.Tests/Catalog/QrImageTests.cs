using HallDevices.Kiosk.Catalog;
using HallDevices.Testing;
using SkiaSharp;

namespace HallDevices.Kiosk.Tests.Catalog;

public class QrImageTests
{
    [Theory]
    [InlineData("https://zwfw.example.gov.cn/item/social-card")]
    [InlineData("https://zwfw.example.gov.cn/item/%E7%A4%BE%E4%BF%9D?from=kiosk&hall=xinqiao")]
    [InlineData("随申办 https://zwfw.example.gov.cn/app")]
    public void The_png_decodes_to_the_text_it_was_drawn_from(string text)
    {
        var png = QrImage.Png(text);

        using var bitmap = SKBitmap.Decode(png);
        Assert.Equal(bitmap.Width, bitmap.Height);
        var gray = new byte[bitmap.Width * bitmap.Height];
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                gray[(y * bitmap.Width) + x] = bitmap.GetPixel(x, y).Red;
            }
        }

        Assert.Equal(text, QrCodes.Decode(gray, bitmap.Width, bitmap.Height));
    }

    [Fact]
    public void Empty_and_over_long_texts_are_refused()
    {
        Assert.Throws<ArgumentException>(() => QrImage.Png(""));
        Assert.Throws<ArgumentException>(() => QrImage.Png(new string('a', QrImage.MaxTextLength + 1)));
        Assert.NotEmpty(QrImage.Png(new string('a', QrImage.MaxTextLength)));
    }
}
