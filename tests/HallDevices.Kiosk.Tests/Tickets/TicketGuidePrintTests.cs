using HallDevices.Devices.Imaging;
using HallDevices.Devices.Printer;
using HallDevices.Devices.Serial;
using HallDevices.Kiosk.Devices;
using HallDevices.Kiosk.Tickets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HallDevices.Kiosk.Tests.Tickets;

/// <summary>The short guide on real receipts: the SkiaSharp raster and the text-mode bytes sent through a pty.</summary>
public class TicketGuidePrintTests
{
    private static readonly TicketContent Plain = new(
        "新桥镇为民服务中心", "A012", "社会保障卡申领", 3, 18,
        new DateTimeOffset(2026, 11, 27, 9, 30, 0, TimeSpan.FromHours(8)), null,
        "http://hall.example/t/xinqiao/A012");

    // A long material (wraps on both papers), a fee, every flag.
    private static readonly IReadOnlyList<string> Guide = TicketGuide.ShortLines(TicketGuideTests.Guide(materials: 3, fee: "工本费20元", online: "https://x.example/1", agency: true) with
    {
        Materials = ["居民身份证原件", "申请人及其配偶、子女的居民身份证和户口簿原件及复印件（复印件需由本人签字确认，注明“与原件一致”）", "近期免冠彩色照片1张"],
    });

    [Theory]
    [InlineData(58)]
    [InlineData(80)]
    public void The_raster_ticket_with_a_guide_is_taller_with_one_text_band_per_printed_line_inside_the_margins_and_its_qr_still_decodes(int paper)
    {
        using var renderer = new TicketRenderer(paper, TicketRendererTests.Font);
        var rows = renderer.GuideRows(Guide);

        var plain = renderer.RenderMonochrome(Plain);
        var guided = renderer.RenderMonochrome(Plain with { GuideLines = Guide });

        Assert.True(rows.Count > Guide.Count, "the long material wraps");
        Assert.True(guided.Height > plain.Height + (rows.Count * 16), $"{guided.Height} vs {plain.Height}");
        Assert.Equal(Plain.TrackUrl, TicketRendererTests.DecodeQr(guided));

        // Above the QR code (the tallest band): the plain ticket's lines, then the rule and one band per guide row.
        var before = AboveQr(plain);
        var after = AboveQr(guided);
        Assert.Equal(before.Count + 1 + rows.Count, after.Count);
        Assert.Equal(before, after[..before.Count]);
        foreach (var band in after[(before.Count + 1)..])
        {
            var (left, right) = InkColumns(guided, band);
            Assert.InRange(left, renderer.Margin - 2, renderer.Width / 2);
            Assert.InRange(right, left, renderer.Width - renderer.Margin + 1);
        }
    }

    [Fact]
    public void Each_guide_band_shows_its_own_line_changing_one_material_changes_only_its_band()
    {
        using var renderer = new TicketRenderer(80, TicketRendererTests.Font);
        var other = Guide.Select(l => l == "1. 居民身份证原件" ? "1. 户口簿原件" : l).ToList();

        var a = renderer.RenderMonochrome(Plain with { GuideLines = Guide });
        var b = renderer.RenderMonochrome(Plain with { GuideLines = other });

        var bands = AboveQr(a);
        Assert.Equal(bands, AboveQr(b));
        var changed = bands.Where(band => !Rows(a, band).SequenceEqual(Rows(b, band))).ToList();
        var first = bands.Count - renderer.GuideRows(Guide).Count; // the guide's first row: 办事指南（简）
        Assert.Equal([bands[first + 2]], changed);                  // title, 所需材料：, then material 1
    }

    [Theory]
    [InlineData(58)]
    [InlineData(80)]
    public async Task The_text_mode_receipt_sends_the_guide_in_gb18030_below_the_details_wrapped_at_the_paper_columns(int paper)
    {
        using var pty = VirtualSerialPair.Create("printer");
        using var port = new PrinterPort(pty.HostPath, 115200);
        using var renderer = new TicketRenderer(paper, TicketRendererTests.Font);
        var options = Options.Create(new KioskOptions { Printer = { Port = pty.HostPath, PaperWidthMm = paper, Raster = false } });
        var printer = new EscPosTicketPrinter(port, renderer, options, TimeProvider.System, NullLogger<EscPosPrinter>.Instance);
        using var device = PrinterPort.OpenPort(pty.DevicePath, 115200);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var received = ReadUntilCutAsync(device.BaseStream, timeout.Token);

        await printer.PrintAsync(Plain with { GuideLines = Guide }, timeout.Token);
        var bytes = await received;

        var columns = TicketText.ColumnsPerLine(paper);
        var wrapped = Guide.SelectMany(l => TicketText.Wrap(l, columns, s => TicketText.Columns(s))).ToList();
        foreach (var row in wrapped)
        {
            Assert.True(Contains(bytes, [.. EscPosEncoding.Gb18030.GetBytes(row), 0x0A]), $"'{row}' in GB18030, then a line feed");
        }

        Assert.False(Contains(bytes, System.Text.Encoding.UTF8.GetBytes(TicketGuide.Title)), "not UTF-8");
        var printed = PrintedLines(bytes);
        var details = printed.FindIndex(l => l.Text.StartsWith("取号时间", StringComparison.Ordinal));
        var guide = printed.FindIndex(l => l.Text == TicketGuide.Title);
        Assert.InRange(guide, details + 1, details + 2); // after the details and the dashed rule
        Assert.Equal(new string('-', columns), printed[guide - 1].Text);

        var guideRows = printed[guide..(guide + wrapped.Count)];
        Assert.Equal(NoSpaces(string.Concat(Guide)), NoSpaces(string.Concat(guideRows.Select(l => l.Text))));
        Assert.Contains(Guide, l => TicketText.Columns(l) > columns);
        Assert.All(guideRows, l => Assert.InRange(TicketText.Columns(l.Text), 1, columns));
        Assert.All(guideRows, l => Assert.Equal(EscPosAlignment.Left, l.Style.Alignment));
    }

    private static List<(int Top, int Height)> AboveQr(MonoBitmap image)
    {
        var bands = Bands(image);
        var qr = bands.IndexOf(bands.MaxBy(b => b.Height));
        return bands[..qr];
    }

    private static List<(int Top, int Height)> Bands(MonoBitmap image)
    {
        var bands = new List<(int Top, int Height)>();
        var top = -1;
        for (var y = 0; y <= image.Height; y++)
        {
            var inked = y < image.Height && Enumerable.Range(0, image.Width).Any(x => image[x, y]);
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

        return bands;
    }

    private static (int Left, int Right) InkColumns(MonoBitmap image, (int Top, int Height) band)
    {
        var inked = Enumerable.Range(0, image.Width).Where(x => Enumerable.Range(band.Top, band.Height).Any(y => image[x, y])).ToList();
        return (inked[0], inked[^1]);
    }

    private static IEnumerable<bool> Rows(MonoBitmap image, (int Top, int Height) band) =>
        Enumerable.Range(band.Top, band.Height).SelectMany(y => Enumerable.Range(0, image.Width).Select(x => image[x, y]));

    private static async Task<byte[]> ReadUntilCutAsync(Stream device, CancellationToken cancellationToken)
    {
        var bytes = new List<byte>();
        var buffer = new byte[4096];
        while (!(bytes.Count >= 3 && bytes[^3] == 0x1D && bytes[^2] == (byte)'V'))
        {
            var n = await device.ReadAsync(buffer, cancellationToken);
            bytes.AddRange(buffer.AsSpan(0, n));
        }

        return [.. bytes];
    }

    private static string NoSpaces(string s) => s.Replace(" ", "", StringComparison.Ordinal).Replace("\u3000", "", StringComparison.Ordinal);

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    /// <summary>Text runs joined up to each line feed, as the printer emulator reads them.</summary>
    private static List<EscPosText> PrintedLines(byte[] bytes)
    {
        var parser = new EscPosParser();
        var lines = new List<EscPosText>();
        EscPosText? current = null;
        foreach (var command in parser.Feed(bytes).Concat(parser.Flush()))
        {
            if (command is EscPosText text)
            {
                current = current is null ? text : current with { Text = current.Text + text.Text };
            }
            else if (command is EscPosLineFeed && current is not null)
            {
                lines.Add(current);
                current = null;
            }
        }

        return lines;
    }
}
