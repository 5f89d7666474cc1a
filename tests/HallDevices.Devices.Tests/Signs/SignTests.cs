using CsCheck;
using System.Device.Gpio;
using HallDevices.Devices.Imaging;
using HallDevices.Devices.Signs;
using HallDevices.Devices.Tests.Support;
using Iot.Device.Max7219;
using Iot.Device.Tm16xx;
using Microsoft.Extensions.Time.Testing;

namespace HallDevices.Devices.Tests.Signs;

public class SignTests
{
    private static (MatrixSign Sign, Max7219ChainModel Model, RecordingSpiDevice Spi) Sign(int modules)
    {
        var spi = new RecordingSpiDevice();
        var model = new Max7219ChainModel(modules);
        spi.Written += (_, w) => model.Apply(w);
        var chip = new Max7219(spi, modules);
        chip.Init();
        return (new MatrixSign(chip), model, spi);
    }

    private static MonoBitmap Pattern(int width)
    {
        var bmp = new MonoBitmap(width, 8);
        for (int x = 0; x < width; x++)
        {
            bmp[x, (x * 3) % 8] = true;
            bmp[x, 7 - (x % 8)] = x % 5 == 0;
        }

        return bmp;
    }

    private static string Dump(MonoBitmap b, int from = 0, int width = -1)
    {
        width = width < 0 ? b.Width : width;
        return string.Join("\n", Enumerable.Range(0, b.Height).Select(y => new string(Enumerable.Range(from, width).Select(x => b[x, y] ? '#' : '.').ToArray())));
    }

    [Fact]
    public void Init_switches_every_chip_on_with_scan_limit_7_and_no_decode()
    {
        var (_, model, spi) = Sign(4);
        Assert.Contains(spi.Writes, w => Hex.Of(w) == "0B070B070B070B07");
        Assert.Contains(spi.Writes, w => Hex.Of(w) == "090009000900" + "0900");
        Assert.Contains(spi.Writes, w => Hex.Of(w) == "0C010C010C010C01");
        Assert.Equal(4, model.Intensity(3));
        Assert.Equal(0, model.ToBitmap().CountSet());
    }

    [Fact]
    public void A_bitmap_shown_on_four_modules_decodes_from_the_spi_writes_to_the_same_pixels()
    {
        var (sign, model, _) = Sign(4);
        var image = Pattern(32);
        sign.Show(image);
        Assert.Equal(Dump(image), Dump(model.ToBitmap()));
    }

    [Fact]
    public void The_last_pair_of_each_spi_write_lands_in_module_zero_the_leftmost()
    {
        var model = new Max7219ChainModel(2);
        model.Apply(Hex.Bytes("0C01 0C01"));
        model.Apply(Hex.Bytes("01FF 0101"));
        Assert.Equal(0x01, model.Digit(0, 0));
        Assert.Equal(0xFF, model.Digit(1, 0));
        var bmp = model.ToBitmap();
        Assert.True(bmp[0, 0] && !bmp[0, 1] && bmp[8, 7]);
    }

    [Fact]
    public void Text_wider_than_the_sign_scrolls_in_from_the_right_and_out_to_the_left()
    {
        var (sign, model, spi) = Sign(2);
        var line = Pattern(40);
        var frames = new List<string>();
        spi.Written += (_, _) => { };
        foreach (int offset in sign.ScrollOffsets(line.Width))
        {
            sign.Show(line, offset);
            frames.Add(Dump(model.ToBitmap()));
        }

        Assert.Equal(40 + 16 + 1, frames.Count);
        Assert.DoesNotContain('#', frames[0]);
        Assert.DoesNotContain('#', frames[^1]);
        // Halfway, the sign shows columns 20..35 of the line.
        Assert.Equal(Dump(line, 20, 16), frames[36]);
    }

    [Fact]
    public async Task Scrolling_waits_one_step_of_the_injected_clock_per_column()
    {
        var (sign, model, _) = Sign(1);
        var time = new FakeTimeProvider();
        var start = time.GetUtcNow();
        var scroll = sign.ShowOrScrollAsync(Pattern(12), TimeSpan.FromMilliseconds(50), time);
        Assert.False(scroll.IsCompleted);
        // Advance in small steps until done; a step that lands before a delay starts just repeats.
        for (int i = 0; i < 2000 && !scroll.IsCompleted; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(10));
            await Task.Delay(1);
        }

        await scroll;
        // 8 + 12 + 1 frames, each followed by one 50 ms step.
        Assert.True(time.GetUtcNow() - start >= TimeSpan.FromMilliseconds(21 * 50));
        Assert.Equal(0, model.ToBitmap().CountSet());
    }

    [Fact]
    public async Task Text_that_fits_is_centred_without_scrolling()
    {
        var (sign, model, _) = Sign(2);
        var dot = new MonoBitmap(2, 8);
        dot[0, 0] = dot[1, 7] = true;
        await sign.ShowOrScrollAsync(dot, TimeSpan.FromHours(1));
        var shown = model.ToBitmap();
        Assert.True(shown[7, 0] && shown[8, 7]);
        Assert.Equal(2, shown.CountSet());
    }

    [Fact]
    public void Chinese_text_renders_with_real_glyphs_from_the_cjk_font_and_fills_the_sign_height()
    {
        using var renderer = new SignTextRenderer();
        Assert.True(renderer.CanRender("请A012号到3号窗口"));
        Assert.False(renderer.CanRender("\uE000"));
        var line = renderer.Render("请A012号到3号窗口", 16);
        Assert.Equal(16, line.Height);
        Assert.InRange(line.Width, 80, 200);
        // Each CJK cell has ink, and ink reaches both the top and bottom quarters of the line.
        Assert.True(line.CountSet() > 100);
        Assert.Contains(Enumerable.Range(0, line.Width), x => line[x, 1] || line[x, 2]);
        Assert.Contains(Enumerable.Range(0, line.Width), x => line[x, 13] || line[x, 14]);
    }

    [Fact]
    public void Rendered_digits_differ_from_each_other_and_reach_the_chip_as_pixels()
    {
        using var renderer = new SignTextRenderer();
        var one = renderer.Render("1");
        var eight = renderer.Render("8");
        Assert.True(eight.CountSet() > one.CountSet());
        var (sign, model, _) = Sign(4);
        var line = renderer.Render("A012");
        sign.Show(line);
        Assert.Equal(Dump(line, 0, Math.Min(32, line.Width)), Dump(model.ToBitmap(), 0, Math.Min(32, line.Width)));
    }

    [Fact]
    public void A_missing_font_file_is_reported_clearly()
    {
        Assert.Throws<FileNotFoundException>(() => new SignTextRenderer("/nonexistent/font.ttf"));
    }

    private static (NumberDisplay Display, Tm1637Model Model, Tm1637 Chip) Tm()
    {
        var driver = new RecordingGpioDriver();
        var controller = new GpioController(driver);
        var model = new Tm1637Model(driver, 5, 6);
        var chip = new Tm1637(5, 6, controller);
        return (new NumberDisplay(chip), model, chip);
    }

    [Fact]
    public void Tm1637_bit_banged_writes_decode_back_to_the_ticket_number()
    {
        var (display, model, chip) = Tm();
        using (chip)
        {
            model.DecodedBytes.Clear();
            display.Show("A012");
            Assert.Equal("A012", model.Text());
            Assert.True(model.On);
            Assert.Equal(7, model.Brightness);
            Assert.Equal([0x40, 0xC0, 0x77, 0x3F, 0x06, 0x5B, 0x00, 0x00, 0x8F], model.DecodedBytes);
        }
    }

    [Fact]
    public void Tm1637_short_numbers_are_right_aligned_and_brightness_and_colon_reach_the_chip()
    {
        var (display, model, chip) = Tm();
        using (chip)
        {
            display.Show("12", colon: true);
            Assert.Equal("  12", model.Text());
            Assert.Equal(0x80, model.Registers[1] & 0x80);
            display.SetBrightness(2);
            Assert.Equal(2, model.Brightness);
            display.Clear();
            Assert.Equal("    ", model.Text());
            Assert.Throws<ArgumentException>(() => display.Show("号"));
            Assert.Throws<ArgumentException>(() => display.Show("12345"));
        }
    }

    [Fact]
    public void Fuzz_the_chip_models_accept_random_spi_writes_and_pin_toggles_without_throwing()
    {
        Gen.Byte.Array[0, 40].Array[1, 20].Select(Gen.Int).Sample((writes, seed) =>
        {
            var chain = new Max7219ChainModel(1 + (seed & 3));
            foreach (byte[] w in writes)
            {
                chain.Apply(w);
            }

            Assert.Equal(chain.Devices * 8, chain.ToBitmap().Width);

            var driver = new RecordingGpioDriver();
            using var controller = new GpioController(driver);
            var tm = new Tm1637Model(driver, 1, 2);
            controller.OpenPin(1, PinMode.Output);
            controller.OpenPin(2, PinMode.Output);
            var rng = new Random(seed);
            for (int i = 0; i < 300; i++)
            {
                controller.Write(1 + rng.Next(2), rng.Next(2) == 0 ? PinValue.Low : PinValue.High);
            }

            Assert.Equal(4, tm.Text().Length);
        }, iter: 2000);
    }

    [Fact]
    public void Seven_segment_patterns_round_trip_for_every_supported_character()
    {
        foreach (char c in "0123456789ABCDEFHLPU-_")
        {
            Assert.Equal(c, SevenSegment.Decode(SevenSegment.Encode(c)));
        }

        Assert.Equal(0x3F, SevenSegment.Encode('0'));
        Assert.Equal('?', SevenSegment.Decode(0x01));
    }
}
