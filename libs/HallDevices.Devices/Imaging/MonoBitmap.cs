namespace HallDevices.Devices.Imaging;

/// <summary>
/// A 1-bit bitmap, row-major, MSB first, 1 = ink/lit: the layout ESC/POS raster images use, so a
/// bitmap goes to the printer without conversion. Shared by the printer and the LED signs.
/// </summary>
public sealed class MonoBitmap
{
    private readonly byte[] _bits;

    /// <summary>Creates an all-white (all-off) bitmap.</summary>
    public MonoBitmap(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(width);
        ArgumentOutOfRangeException.ThrowIfNegative(height);
        Width = width;
        Height = height;
        BytesPerRow = (width + 7) / 8;
        _bits = new byte[BytesPerRow * height];
    }

    /// <summary>Wraps packed rows (MSB first) as a bitmap.</summary>
    /// <exception cref="ArgumentException">The data is shorter than <c>ceil(width/8) * height</c>.</exception>
    public MonoBitmap(int width, int height, ReadOnlySpan<byte> packedRows)
        : this(width, height)
    {
        if (packedRows.Length < _bits.Length)
        {
            throw new ArgumentException("Packed rows are shorter than the bitmap.", nameof(packedRows));
        }

        packedRows[.._bits.Length].CopyTo(_bits);
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>Bytes per packed row (<c>ceil(Width / 8)</c>).</summary>
    public int BytesPerRow { get; }

    /// <summary>Gets or sets one pixel; out-of-range reads are false and writes are ignored.</summary>
    public bool this[int x, int y]
    {
        get => x >= 0 && y >= 0 && x < Width && y < Height && (_bits[(y * BytesPerRow) + (x >> 3)] & (0x80 >> (x & 7))) != 0;
        set
        {
            if (x < 0 || y < 0 || x >= Width || y >= Height)
            {
                return;
            }

            int i = (y * BytesPerRow) + (x >> 3);
            byte mask = (byte)(0x80 >> (x & 7));
            _bits[i] = value ? (byte)(_bits[i] | mask) : (byte)(_bits[i] & ~mask);
        }
    }

    /// <summary>The packed rows (a copy).</summary>
    public byte[] ToPackedRows() => (byte[])_bits.Clone();

    /// <summary>Number of set pixels.</summary>
    public int CountSet()
    {
        int n = 0;
        foreach (byte b in _bits)
        {
            n += System.Numerics.BitOperations.PopCount(b);
        }

        return n;
    }
}
