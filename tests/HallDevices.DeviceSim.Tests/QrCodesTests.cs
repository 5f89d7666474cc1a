using HallDevices.Testing;
using ZXing;
using ZXing.QrCode;

namespace HallDevices.DeviceSim.Tests;

/// <summary>The QR reader the demo and printer tests check receipts with.</summary>
public class QrCodesTests
{
    [Theory]
    [InlineData("http://127.0.0.1:40737/t/xinqiao/A003")]
    [InlineData("http://127.0.0.1:59682/t/xinqiao/C006")]
    public void A_valid_symbol_that_zxing_misses_upright_is_still_read(string url)
    {
        // Drawn as the kiosk draws its ticket QR: ZXing's UTF-8 matrix, 8 dots a module, 2 modules of
        // margin, centred on a 576-dot paper line.
        var matrix = new QRCodeWriter().encode(url, BarcodeFormat.QR_CODE, 0, 0, new Dictionary<EncodeHintType, object> { [EncodeHintType.MARGIN] = 2, [EncodeHintType.CHARACTER_SET] = "UTF-8" });
        const int module = 8, width = 576, height = 400, top = 40;
        var left = (width - (matrix.Width * module)) / 2;
        var gray = new byte[width * height];
        Array.Fill(gray, (byte)255);
        for (var y = 0; y < matrix.Height * module; y++)
        {
            for (var x = 0; x < matrix.Width * module; x++)
            {
                if (matrix[x / module, y / module])
                {
                    gray[((top + y) * width) + left + x] = 0;
                }
            }
        }

        Assert.Equal(url, QrCodes.Decode(gray, width, height));
    }
}
