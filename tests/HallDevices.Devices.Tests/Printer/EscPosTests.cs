using System.Text;
using CsCheck;
using HallDevices.Devices.Imaging;
using HallDevices.Devices.Printer;
using HallDevices.Devices.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace HallDevices.Devices.Tests.Printer;

public class EscPosTests
{
    private static List<EscPosCommand> ParseAll(byte[] bytes, int chunk = int.MaxValue)
    {
        var parser = new EscPosParser();
        var list = new List<EscPosCommand>();
        for (int i = 0; i < bytes.Length; i += chunk)
        {
            list.AddRange(parser.Feed(bytes.AsSpan(i, Math.Min(chunk, bytes.Length - i))));
        }

        list.AddRange(parser.Flush());
        return list;
    }

    [Fact]
    public void Builder_emits_the_documented_bytes_for_init_align_bold_size_chinese_mode_feed_and_cut()
    {
        byte[] bytes = new EscPosBuilder().Initialize().Align(EscPosAlignment.Center).Bold(true).Size(2, 3)
            .ChineseMode(true).Feed(4).Cut().Cut(partial: true).ToArray();
        Assert.Equal("1B40" + "1B6101" + "1B4501" + "1D2112" + "1C26" + "1B6404" + "1D5600" + "1D5601", Hex.Of(bytes));
    }

    [Fact]
    public void Chinese_text_is_encoded_in_gb18030_and_control_characters_are_stripped()
    {
        byte[] bytes = new EscPosBuilder().Line("取号A\u001B@").ToArray();
        Assert.Equal("C8A1BAC541" + "40" + "0A", Hex.Of(bytes));
    }

    [Fact]
    public void Raster_image_header_carries_bytes_per_row_and_rows_little_endian_then_the_bits()
    {
        var bmp = new MonoBitmap(10, 2);
        bmp[0, 0] = true;
        bmp[9, 1] = true;
        byte[] bytes = new EscPosBuilder().RasterImage(bmp).ToArray();
        Assert.Equal("1D763000" + "0200" + "0200" + "8000" + "0040", Hex.Of(bytes));
    }

    [Fact]
    public void Qr_code_sends_model_size_level_store_and_print_functions()
    {
        byte[] bytes = new EscPosBuilder().QrCode("AB", moduleSize: 5, QrErrorLevel.Q).ToArray();
        Assert.Equal(
            "1D286B0400314132 00".Replace(" ", "") + "1D286B0300314305" + "1D286B0300314532" + "1D286B0500315030" + "4142" + "1D286B0300315130",
            Hex.Of(bytes));
    }

    [Fact]
    public void Code128_sends_height_width_hri_and_set_b_data()
    {
        byte[] bytes = new EscPosBuilder().Code128("A1", height: 60, moduleWidth: 3).ToArray();
        Assert.Equal("1D683C" + "1D7703" + "1D4802" + "1D6B4904" + "7B42" + "4131", Hex.Of(bytes));
        Assert.Throws<ArgumentException>(() => new EscPosBuilder().Code128("条码"));
    }

    [Fact]
    public void Idle_status_bytes_decode_as_ready()
    {
        var s = PrinterStatus.Decode(0x12, 0x12, 0x12, 0x12);
        Assert.Equal(PrinterStatus.Ready, s);
        Assert.Equal(PrinterHealth.Ok, s.Health);
    }

    [Theory]
    [InlineData(0x1A, 0x12, 0x12, 0x12, false, false, false, false, PrinterHealth.Error)]
    [InlineData(0x1A, 0x16, 0x12, 0x12, false, true, false, false, PrinterHealth.CoverOpen)]
    [InlineData(0x12, 0x12, 0x12, 0x1E, true, false, true, false, PrinterHealth.PaperLow)]
    [InlineData(0x1A, 0x32, 0x12, 0x7E, false, false, true, true, PrinterHealth.PaperOut)]
    [InlineData(0x1A, 0x32, 0x12, 0x12, false, false, false, true, PrinterHealth.PaperOut)]
    [InlineData(0x1A, 0x52, 0x12, 0x12, false, false, false, false, PrinterHealth.Error)]
    [InlineData(0x12, 0x12, 0x1A, 0x12, true, false, false, false, PrinterHealth.Error)]
    public void Status_bytes_decode_into_online_cover_paper_and_error_flags(
        byte s1, byte s2, byte s3, byte s4, bool online, bool cover, bool nearEnd, bool paperOut, PrinterHealth health)
    {
        var s = PrinterStatus.Decode(s1, s2, s3, s4);
        Assert.Equal(online, s.Online);
        Assert.Equal(cover, s.CoverOpen);
        Assert.Equal(nearEnd, s.PaperNearEnd);
        Assert.Equal(paperOut, s.PaperOut);
        Assert.Equal(health, s.Health);
    }

    [Fact]
    public void A_byte_without_the_fixed_status_bits_is_rejected_as_noise()
    {
        Assert.False(PrinterStatus.IsStatusByte(0x00));
        Assert.False(PrinterStatus.IsStatusByte(0xFF));
        Assert.Throws<FormatException>(() => PrinterStatus.Decode(0x12, 0x12, 0x12, 0x41));
    }

    [Fact]
    public void Every_condition_the_emulator_encodes_decodes_back_to_the_same_health()
    {
        foreach (var s in new[]
        {
            PrinterStatus.Ready,
            PrinterStatus.Ready with { PaperNearEnd = true },
            PrinterStatus.Ready with { Online = false, PaperOut = true, PaperNearEnd = true },
            PrinterStatus.Ready with { Online = false, CoverOpen = true },
            PrinterStatus.Ready with { Online = false, Error = true },
        })
        {
            var back = PrinterStatus.Decode(s.Encode(1), s.Encode(2), s.Encode(3), s.Encode(4));
            Assert.Equal(s, back);
        }

        Assert.Equal(0x12, PrinterStatus.Ready.Encode(1));
        Assert.Equal(0x0C | 0x12, (PrinterStatus.Ready with { PaperNearEnd = true }).Encode(4));
    }

    [Fact]
    public void A_built_receipt_parses_back_into_styled_text_image_qr_barcode_and_cut()
    {
        var bmp = new MonoBitmap(16, 3);
        bmp[3, 1] = true;
        byte[] job = new EscPosBuilder().Initialize().ChineseMode(true)
            .Align(EscPosAlignment.Center).Size(2, 2).Bold(true).Line("A012")
            .Size(1, 1).Bold(false).Align(EscPosAlignment.Left).Line("前面还有3人")
            .RasterImage(bmp).QrCode("https://hall.example/t/A012", 6, QrErrorLevel.M).Code128("A012").Feed(3).Cut().ToArray();

        foreach (int chunk in new[] { int.MaxValue, 1, 7 })
        {
            var cmds = ParseAll(job, chunk);
            var texts = cmds.OfType<EscPosText>().ToList();
            Assert.Equal(["A012", "前面还有3人"], texts.Select(t => t.Text));
            Assert.Equal(new EscPosTextStyle(EscPosAlignment.Center, true, 2, 2), texts[0].Style);
            Assert.Equal(EscPosTextStyle.Default, texts[1].Style);
            var image = Assert.Single(cmds.OfType<EscPosRasterImage>());
            Assert.Equal((2, 3), (image.WidthBytes, image.Height));
            Assert.Equal(bmp.ToPackedRows(), image.Data);
            var qr = Assert.Single(cmds.OfType<EscPosQrCode>());
            Assert.Equal("https://hall.example/t/A012", Encoding.UTF8.GetString(qr.Data));
            Assert.Equal((6, QrErrorLevel.M), (qr.ModuleSize, qr.ErrorLevel));
            Assert.Equal("{BA012", Encoding.ASCII.GetString(Assert.Single(cmds.OfType<EscPosBarcode>()).Data));
            Assert.Equal(new EscPosLineFeed(3), cmds[^2]);
            Assert.Equal(new EscPosCut(false), cmds[^1]);
        }
    }

    [Fact]
    public void Status_requests_in_the_stream_are_reported_so_the_emulator_can_answer()
    {
        var cmds = ParseAll(Hex.Bytes("10 04 01 10 04 04 10 04 09"));
        Assert.Equal([new EscPosStatusRequest(1), new EscPosStatusRequest(4)], cmds);
    }

    [Fact]
    public void A_truncated_raster_waits_for_its_data_and_an_absurd_raster_size_is_skipped_as_noise()
    {
        var parser = new EscPosParser();
        Assert.Empty(parser.Feed(Hex.Bytes("1D 76 30 00 01 00 02 00 FF")));
        Assert.Single(parser.Feed(Hex.Bytes("0F")).OfType<EscPosRasterImage>());

        var cmds = ParseAll(Hex.Bytes("1D 76 30 00 FF FF FF FF 41 0A"));
        Assert.Contains(cmds, c => c is EscPosText);
        Assert.DoesNotContain(cmds, c => c is EscPosRasterImage);
    }

    [Fact]
    public void Garbage_before_a_receipt_does_not_stop_its_qr_and_cut_from_being_parsed()
    {
        byte[] receipt = new EscPosBuilder().Initialize().Line("A012").QrCode("q-1").Cut().ToArray();
        byte[] noise = Hex.Bytes("00 1D 99 1B 1C 10 07 FF FE 1D 28 6B 02 00 31");
        var cmds = ParseAll(Hex.Concat(noise, receipt));
        Assert.Equal("q-1", Encoding.UTF8.GetString(Assert.Single(cmds.OfType<EscPosQrCode>()).Data));
        Assert.IsType<EscPosCut>(cmds[^1]);
        // The truncated GS ( k in the noise swallows the next bytes (ESC of ESC @), as a real
        // printer would, so stray characters may precede the text; the text itself survives.
        Assert.Contains(cmds, c => c is EscPosText t && t.Text.EndsWith("A012", StringComparison.Ordinal));
    }

    [Fact]
    public void Two_receipts_in_one_read_yield_two_cuts_with_their_own_text()
    {
        byte[] one = new EscPosBuilder().Initialize().Line("A001").Cut().ToArray();
        byte[] two = new EscPosBuilder().Initialize().Bold(true).Line("A002").Cut(partial: true).ToArray();
        var cmds = ParseAll(Hex.Concat(one, two));
        Assert.Equal([false, true], cmds.OfType<EscPosCut>().Select(c => c.Partial));
        var texts = cmds.OfType<EscPosText>().ToList();
        Assert.Equal(["A001", "A002"], texts.Select(t => t.Text));
        Assert.False(texts[0].Style.Bold);
        Assert.True(texts[1].Style.Bold);
    }

    [Fact]
    public void Esc_bang_sets_bold_double_height_and_double_width_together()
    {
        var t = ParseAll(Hex.Bytes("1B 21 38 41 0A")).OfType<EscPosText>().Single();
        Assert.Equal(new EscPosTextStyle(EscPosAlignment.Left, true, 2, 2), t.Style);
    }

    [Fact]
    public void Fuzz_random_and_mutated_streams_never_throw_and_finish_promptly()
    {
        byte[] receipt = new EscPosBuilder().Initialize().Align(EscPosAlignment.Center).Size(2, 2).Line("A012号")
            .QrCode("x").RasterImage(new MonoBitmap(8, 4)).Code128("12").Cut().ToArray();
        Gen.Byte.Array[0, 400].Select(Gen.Int[1, 40], Gen.Int).Sample((noise, chunk, seed) =>
        {
            var rng = new Random(seed);
            byte[] mutated = (byte[])receipt.Clone();
            for (int i = 0; i < 3; i++)
            {
                mutated[rng.Next(mutated.Length)] = (byte)rng.Next(256);
            }

            ParseAll(noise, chunk);
            ParseAll(Hex.Concat(noise, mutated, receipt), chunk);
        }, iter: 3000);
    }

    [Fact]
    public async Task Driver_queries_four_status_bytes_and_skips_noise_before_each()
    {
        var condition = PrinterStatus.Ready with { PaperNearEnd = true };
        var stream = new LoopbackStream(bytes => bytes is [0x10, 0x04, var n] ? [[0xFF, condition.Encode(n)]] : []);
        using var printer = new EscPosPrinter(stream);
        var status = await printer.QueryStatusAsync();
        Assert.Equal(PrinterHealth.PaperLow, status.Health);
        await printer.PrintAsync(new EscPosBuilder().Line("x").ToArray());
        Assert.Equal("780A", Hex.Of(stream.Written[^1]));
    }

    [Fact]
    public async Task Driver_status_query_times_out_on_the_injected_clock_when_the_printer_is_silent()
    {
        var time = new FakeTimeProvider();
        var stream = new LoopbackStream(_ => []);
        using var printer = new EscPosPrinter(stream, time);
        var query = printer.QueryStatusAsync();
        await Task.Delay(20);
        Assert.False(query.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(500));
        await Assert.ThrowsAsync<TimeoutException>(() => query);
    }
}

public class EscPosDeviceFileTests
{
    [Fact]
    public async Task A_job_written_to_a_printer_device_file_arrives_byte_for_byte()
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory("halldev-lp-").FullName, "lp0");
        try
        {
            byte[] job = new EscPosBuilder().Initialize().Line("请取号").Cut().ToArray();
            await using (var file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite))
            {
                using var printer = new EscPosPrinter(file);
                await printer.PrintAsync(job);
            }

            Assert.Equal(job, await File.ReadAllBytesAsync(path));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, true);
        }
    }
}
