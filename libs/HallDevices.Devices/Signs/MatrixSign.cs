using HallDevices.Devices.Imaging;
using Iot.Device.Max7219;

namespace HallDevices.Devices.Signs;

/// <summary>
/// A window sign made of cascaded MAX7219 8×8 matrices. Pixel layout (rotation None): module d
/// covers columns 8d..8d+7 (module 0 leftmost, nearest the controller), digit register k of a
/// module is column k, bit n of that register is row n (bit 0 top). Text wider than the sign
/// scrolls in from the right and out to the left.
/// </summary>
public sealed class MatrixSign
{
    private readonly Max7219 _chip;

    /// <summary>Wraps an initialised <see cref="Max7219"/> (call <c>Init()</c> first).</summary>
    public MatrixSign(Max7219 chip)
    {
        _chip = chip ?? throw new ArgumentNullException(nameof(chip));
    }

    /// <summary>Width in pixels (8 per module).</summary>
    public int Width => _chip.CascadedDevices * 8;

    /// <summary>Height in pixels.</summary>
    public static int Height => 8;

    /// <summary>Shows <paramref name="image"/> with its column <paramref name="offsetX"/> at the sign's left edge.</summary>
    public void Show(MonoBitmap image, int offsetX = 0)
    {
        ArgumentNullException.ThrowIfNull(image);
        for (int device = 0; device < _chip.CascadedDevices; device++)
        {
            for (int digit = 0; digit < 8; digit++)
            {
                int x = offsetX + (device * 8) + digit;
                byte column = 0;
                for (int row = 0; row < 8; row++)
                {
                    if (image[x, row])
                    {
                        column |= (byte)(1 << row);
                    }
                }

                _chip[device, digit] = column;
            }
        }

        _chip.Flush();
    }

    /// <summary>Offsets that scroll <paramref name="imageWidth"/> columns across the sign, entering right, leaving left.</summary>
    public IEnumerable<int> ScrollOffsets(int imageWidth)
    {
        for (int offset = -Width; offset <= imageWidth; offset++)
        {
            yield return offset;
        }
    }

    /// <summary>Shows a rendered line: centred when it fits, otherwise scrolled once across (one column per <paramref name="step"/>).</summary>
    public async Task ShowOrScrollAsync(MonoBitmap line, TimeSpan step, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.Width <= Width)
        {
            Show(line, -((Width - line.Width) / 2));
            return;
        }

        var time = timeProvider ?? TimeProvider.System;
        foreach (int offset in ScrollOffsets(line.Width))
        {
            Show(line, offset);
            await Task.Delay(step, time, cancellationToken);
        }
    }
}
