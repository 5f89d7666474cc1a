using System.Buffers.Binary;
using System.Globalization;
using HallDevices.Display.Hosting;
using SkiaSharp;

namespace HallDevices.Display.Output;

/// <summary>A Linux framebuffer's geometry as the kernel reports it in sysfs.</summary>
/// <param name="Width">Visible width (first number of <c>virtual_size</c>).</param>
/// <param name="Height">Height (second number of <c>virtual_size</c>).</param>
/// <param name="BitsPerPixel">16 (RGB565) or 32 (BGRA / XRGB8888 in memory order B, G, R, X).</param>
/// <param name="Stride">Bytes per line, at least Width × bytes per pixel.</param>
internal sealed record FramebufferGeometry(int Width, int Height, int BitsPerPixel, int Stride)
{
    /// <summary>Reads <c>virtual_size</c>, <c>bits_per_pixel</c> and <c>stride</c> from a sysfs folder such as <c>/sys/class/graphics/fb0</c>.</summary>
    public static FramebufferGeometry Read(string sysfsDir)
    {
        try
        {
            var size = File.ReadAllText(Path.Combine(sysfsDir, "virtual_size")).Trim().Split(',');
            var width = int.Parse(size[0], CultureInfo.InvariantCulture);
            var height = int.Parse(size[1], CultureInfo.InvariantCulture);
            var bpp = int.Parse(File.ReadAllText(Path.Combine(sysfsDir, "bits_per_pixel")).Trim(), CultureInfo.InvariantCulture);
            var strideFile = Path.Combine(sysfsDir, "stride");

            // Older kernels have no stride file; lines are then packed.
            var stride = File.Exists(strideFile) ? int.Parse(File.ReadAllText(strideFile).Trim(), CultureInfo.InvariantCulture) : width * bpp / 8;
            if (bpp is not (16 or 32))
            {
                throw new DisplayStartupException($"Display:Board:Framebuffer: {bpp} bits per pixel is not supported (16 or 32; see {sysfsDir}/bits_per_pixel).");
            }

            if (width <= 0 || height <= 0 || stride < width * bpp / 8)
            {
                throw new DisplayStartupException($"Display:Board:Framebuffer: geometry {width}×{height}, stride {stride} in {sysfsDir} makes no sense.");
            }

            return new FramebufferGeometry(width, height, bpp, stride);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or OverflowException)
        {
            throw new DisplayStartupException($"Display:Board:Framebuffer: cannot read the framebuffer geometry from {sysfsDir} ({e.Message}).", e);
        }
    }
}

/// <summary>
/// Writes board frames to a framebuffer device (or any file standing in for it) in the device's
/// own pixel format. The frame buffer is allocated once; a write is one conversion pass and one
/// <c>write(2)</c> at offset 0.
/// </summary>
internal sealed class FramebufferWriter : IDisposable
{
    private readonly FileStream _device;
    private readonly byte[] _frame;

    public FramebufferWriter(string devicePath, FramebufferGeometry geometry)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        Geometry = geometry;
        _frame = new byte[geometry.Stride * geometry.Height];
        try
        {
            // No buffering: each frame must reach the device as one write, not linger in a buffer.
            _device = new FileStream(devicePath, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DisplayStartupException($"Display:Board:Framebuffer: cannot open '{devicePath}' for writing ({e.Message}); is the user in the 'video' group?", e);
        }
    }

    public FramebufferGeometry Geometry { get; }

    /// <summary>Frames written so far.</summary>
    public long FramesWritten { get; private set; }

    /// <summary>
    /// Converts and writes one frame (a BGRA8888 bitmap). A frame larger than the screen is cropped
    /// and a smaller one sits in the top-left corner: the board is normally rendered at the
    /// framebuffer's own size, this only keeps a misconfiguration visible instead of fatal.
    /// </summary>
    public void Write(SKBitmap bitmap)
    {
        ArgumentNullException.ThrowIfNull(bitmap);
        if (bitmap.ColorType != SKColorType.Bgra8888)
        {
            throw new ArgumentException("Frames must be BGRA8888.", nameof(bitmap));
        }

        var g = Geometry;
        var src = bitmap.GetPixelSpan();
        var srcStride = bitmap.RowBytes;
        var rows = Math.Min(g.Height, bitmap.Height);
        var cols = Math.Min(g.Width, bitmap.Width);
        if (g.BitsPerPixel == 32)
        {
            for (var y = 0; y < rows; y++)
            {
                src.Slice(y * srcStride, cols * 4).CopyTo(_frame.AsSpan(y * g.Stride, cols * 4));
            }
        }
        else
        {
            for (var y = 0; y < rows; y++)
            {
                var line = src.Slice(y * srcStride, cols * 4);
                var dst = _frame.AsSpan(y * g.Stride, cols * 2);
                for (var x = 0; x < cols; x++)
                {
                    var b = line[x * 4];
                    var gr = line[(x * 4) + 1];
                    var r = line[(x * 4) + 2];
                    var rgb565 = (ushort)(((r >> 3) << 11) | ((gr >> 2) << 5) | (b >> 3));
                    BinaryPrimitives.WriteUInt16LittleEndian(dst.Slice(x * 2, 2), rgb565);
                }
            }
        }

        _device.Position = 0;
        _device.Write(_frame);
        FramesWritten++;
    }

    public void Dispose() => _device.Dispose();
}
