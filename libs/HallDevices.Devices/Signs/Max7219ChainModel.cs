using HallDevices.Devices.Imaging;

namespace HallDevices.Devices.Signs;

/// <summary>
/// Model of a chain of MAX7219 chips: applies SPI writes the way the shift registers latch them
/// (each chip keeps the last 16 bits that reached it; the final pair of a write lands in chip 0)
/// and turns digit registers back into pixels with <see cref="MatrixSign"/>'s layout.
/// </summary>
public sealed class Max7219ChainModel
{
    private readonly byte[,] _digits;
    private readonly byte[] _intensity;
    private readonly bool[] _shutdown;
    private readonly bool[] _displayTest;

    /// <summary>Creates a chain of <paramref name="devices"/> chips, all in shutdown as at power-on.</summary>
    public Max7219ChainModel(int devices)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(devices, 1);
        Devices = devices;
        _digits = new byte[devices, 8];
        _intensity = new byte[devices];
        _shutdown = Enumerable.Repeat(true, devices).ToArray();
        _displayTest = new bool[devices];
    }

    /// <summary>Chips in the chain.</summary>
    public int Devices { get; }

    /// <summary>Applies one chip-select cycle.</summary>
    public void Apply(ReadOnlySpan<byte> write)
    {
        int pairs = write.Length / 2;
        for (int k = 0; k < Math.Min(pairs, Devices); k++)
        {
            int device = k;
            int offset = write.Length - (2 * (k + 1));
            byte register = (byte)(write[offset] & 0x0F);
            byte data = write[offset + 1];
            switch (register)
            {
                case >= 1 and <= 8:
                    _digits[device, register - 1] = data;
                    break;
                case 0x0A:
                    _intensity[device] = (byte)(data & 0x0F);
                    break;
                case 0x0C:
                    _shutdown[device] = (data & 1) == 0;
                    break;
                case 0x0F:
                    _displayTest[device] = (data & 1) != 0;
                    break;
            }
        }
    }

    /// <summary>Intensity (0–15) of a chip.</summary>
    public int Intensity(int device) => _intensity[device];

    /// <summary>Digit register (0–7) of a chip.</summary>
    public byte Digit(int device, int digit) => _digits[device, digit];

    /// <summary>The lit pixels: blank for chips in shutdown, all lit in display-test mode.</summary>
    public MonoBitmap ToBitmap()
    {
        var bmp = new MonoBitmap(Devices * 8, 8);
        for (int device = 0; device < Devices; device++)
        {
            for (int digit = 0; digit < 8; digit++)
            {
                for (int row = 0; row < 8; row++)
                {
                    bool lit = _displayTest[device] || (!_shutdown[device] && (_digits[device, digit] & (1 << row)) != 0);
                    bmp[(device * 8) + digit, row] = lit;
                }
            }
        }

        return bmp;
    }
}
