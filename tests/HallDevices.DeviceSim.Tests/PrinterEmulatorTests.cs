using HallDevices.Testing;
using System.IO.Ports;
using HallDevices.Devices.Imaging;
using HallDevices.Devices.Printer;
using SkiaSharp;

namespace HallDevices.DeviceSim.Tests;

public class PrinterEmulatorTests
{
    private static byte[] Receipt(string url)
    {
        var logo = new MonoBitmap(64, 32);
        for (var y = 0; y < 32; y++)
        {
            for (var x = 0; x < 64; x++)
            {
                logo[x, y] = (x / 8 + y / 8) % 2 == 0;
            }
        }

        return new EscPosBuilder()
            .Initialize()
            .ChineseMode(true)
            .Align(EscPosAlignment.Center)
            .Line("新桥镇为民服务中心")
            .Size(4, 4).Bold(true).Line("A012").Size(1, 1).Bold(false)
            .Line("前面还有 3 人")
            .RasterImage(logo)
            .QrCode(url, moduleSize: 6)
            .Feed(3)
            .Cut()
            .ToArray();
    }

    [Fact]
    public async Task Each_cut_receipt_becomes_a_png_whose_qr_a_real_decoder_reads()
    {
        var outDir = Directory.CreateTempSubdirectory("hd-receipts-").FullName;
        await using var sim = await SimProcess.StartAsync("printer", "--out", outDir);
        using var port = new SerialPort(sim.HostPort, 115200);
        port.Open();
        using var printer = new EscPosPrinter(port.BaseStream, statusTimeout: TimeSpan.FromSeconds(3)); // the emulator may be starved of CPU while all test projects run

        Assert.Equal(PrinterHealth.Ok, (await printer.QueryStatusAsync()).Health);
        await printer.PrintAsync(Receipt("http://127.0.0.1:5080/t/xinqiao/A012"));
        await sim.WaitForLineAsync(l => l.Contains("receipt-0001.png", StringComparison.Ordinal));
        await printer.PrintAsync(Receipt("http://127.0.0.1:5080/t/xinqiao/A013"));
        await sim.WaitForLineAsync(l => l.Contains("receipt-0002.png", StringComparison.Ordinal));

        Assert.Equal("http://127.0.0.1:5080/t/xinqiao/A012", QrCodes.DecodePng(Path.Combine(outDir, "receipt-0001.png")));
        Assert.Equal("http://127.0.0.1:5080/t/xinqiao/A013", QrCodes.DecodePng(Path.Combine(outDir, "receipt-0002.png")));
        using var png = SKBitmap.Decode(Path.Combine(outDir, "receipt-0001.png"));
        Assert.Equal(576, png.Width);
    }

    [Fact]
    public async Task Paper_out_and_cover_open_are_reported_to_status_queries_and_nothing_prints()
    {
        var outDir = Directory.CreateTempSubdirectory("hd-receipts-").FullName;
        await using var sim = await SimProcess.StartAsync("printer", "--out", outDir, "--paper", "near-end");
        using var port = new SerialPort(sim.HostPort, 115200);
        port.Open();
        using var printer = new EscPosPrinter(port.BaseStream, statusTimeout: TimeSpan.FromSeconds(3)); // the emulator may be starved of CPU while all test projects run

        Assert.Equal(PrinterHealth.PaperLow, (await printer.QueryStatusAsync()).Health);
        await sim.SendAsync("paper out");
        await sim.WaitForLineAsync(l => l.Contains("paper Out", StringComparison.Ordinal));
        Assert.Equal(PrinterHealth.PaperOut, (await printer.QueryStatusAsync()).Health);
        await printer.PrintAsync(Receipt("http://x/1"));
        await sim.WaitForLineAsync(l => l.Contains("job dropped", StringComparison.Ordinal));
        await sim.SendAsync("paper ok");
        await sim.SendAsync("cover open");
        await sim.WaitForLineAsync(l => l.Contains("cover open", StringComparison.Ordinal));
        Assert.Equal(PrinterHealth.CoverOpen, (await printer.QueryStatusAsync()).Health);

        Assert.Empty(Directory.GetFiles(outDir));
    }
}
