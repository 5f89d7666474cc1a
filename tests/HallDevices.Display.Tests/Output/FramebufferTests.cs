using System.Buffers.Binary;
using HallDevices.Display.Hosting;
using HallDevices.Display.Output;
using HallDevices.Display.Tests.Support;
using SkiaSharp;

namespace HallDevices.Display.Tests.Output;

public sealed class FramebufferTests : IDisposable
{
    private readonly string _dir = TempDir.Create("fb");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Geometry_is_read_from_sysfs_virtual_size_bits_per_pixel_and_stride()
    {
        var sysfs = FakeSysfs(1920, 1080, 32, 7680);

        Assert.Equal(new FramebufferGeometry(1920, 1080, 32, 7680), FramebufferGeometry.Read(sysfs));
    }

    [Fact]
    public void A_32_bit_framebuffer_receives_bgra_pixels_at_its_stride()
    {
        // Stride wider than the visible line, as many drivers pad lines.
        var sysfs = FakeSysfs(64, 32, 32, 64 * 4 + 32);
        var device = FakeDevice((64 * 4 + 32) * 32);
        using var frame = Frame(64, 32);
        using (var fb = new FramebufferWriter(device, FramebufferGeometry.Read(sysfs)))
        {
            fb.Write(frame);
        }

        var bytes = File.ReadAllBytes(device);
        var offset = (10 * (64 * 4 + 32)) + (20 * 4);
        var expected = frame.GetPixel(20, 10);
        Assert.Equal(new byte[] { expected.Blue, expected.Green, expected.Red }, bytes[offset..(offset + 3)]);
        Assert.Equal(new SKColor(0x20, 0x40, 0xC0), expected);
    }

    [Fact]
    public void A_16_bit_framebuffer_receives_rgb565_pixels()
    {
        var sysfs = FakeSysfs(64, 32, 16, 128);
        var device = FakeDevice(128 * 32);
        using var frame = Frame(64, 32);
        using (var fb = new FramebufferWriter(device, FramebufferGeometry.Read(sysfs)))
        {
            fb.Write(frame);
        }

        var bytes = File.ReadAllBytes(device);
        var pixel = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan((10 * 128) + (20 * 2)));
        Assert.Equal((0x20 >> 3 << 11) | (0x40 >> 2 << 5) | (0xC0 >> 3), pixel);
        var white = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(0));
        Assert.Equal(0xFFFF, white);
    }

    [Fact]
    public void An_unsupported_pixel_format_stops_start_up_with_the_reason()
    {
        var sysfs = FakeSysfs(64, 32, 24, 192);

        var e = Assert.Throws<DisplayStartupException>(() => FramebufferGeometry.Read(sysfs));

        Assert.Contains("24 bits per pixel", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_sysfs_folder_stops_start_up_naming_the_key()
    {
        var e = Assert.Throws<DisplayStartupException>(() => FramebufferGeometry.Read(Path.Combine(_dir, "nope")));

        Assert.Contains("Display:Board:Framebuffer", e.Message, StringComparison.Ordinal);
    }

    private string FakeSysfs(int width, int height, int bpp, int stride)
    {
        var dir = Path.Combine(_dir, "fb0");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "virtual_size"), $"{width},{height}\n");
        File.WriteAllText(Path.Combine(dir, "bits_per_pixel"), $"{bpp}\n");
        File.WriteAllText(Path.Combine(dir, "stride"), $"{stride}\n");
        return dir;
    }

    private string FakeDevice(int size)
    {
        var path = Path.Combine(_dir, "dev-fb0");
        File.WriteAllBytes(path, new byte[size]);
        return path;
    }

    private static SKBitmap Frame(int width, int height)
    {
        // White with one coloured pixel at (20, 10).
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Bgra8888, SKAlphaType.Premul));
        bitmap.Erase(SKColors.White);
        bitmap.SetPixel(20, 10, new SKColor(0x20, 0x40, 0xC0));
        return bitmap;
    }
}
