namespace HallDevices.Devices.Modbus;

/// <summary>CRC-16/MODBUS: polynomial 0xA001 (reflected 0x8005), initial 0xFFFF, sent low byte first.</summary>
public static class ModbusCrc
{
    private static readonly ushort[] Table = BuildTable();

    /// <summary>Computes the CRC of the bytes.</summary>
    public static ushort Compute(ReadOnlySpan<byte> bytes)
    {
        ushort crc = 0xFFFF;
        foreach (byte b in bytes)
        {
            crc = (ushort)((crc >> 8) ^ Table[(crc ^ b) & 0xFF]);
        }

        return crc;
    }

    /// <summary>True when the last two bytes are the CRC (low byte first) of the rest.</summary>
    public static bool Check(ReadOnlySpan<byte> frame) =>
        frame.Length >= 4 && Compute(frame[..^2]) == (ushort)(frame[^2] | (frame[^1] << 8));

    /// <summary>Returns the PDU with the slave address in front and the CRC appended.</summary>
    public static byte[] Seal(ReadOnlySpan<byte> withoutCrc)
    {
        var frame = new byte[withoutCrc.Length + 2];
        withoutCrc.CopyTo(frame);
        ushort crc = Compute(withoutCrc);
        frame[^2] = (byte)crc;
        frame[^1] = (byte)(crc >> 8);
        return frame;
    }

    private static ushort[] BuildTable()
    {
        var table = new ushort[256];
        for (int i = 0; i < 256; i++)
        {
            ushort c = (ushort)i;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? (ushort)((c >> 1) ^ 0xA001) : (ushort)(c >> 1);
            }

            table[i] = c;
        }

        return table;
    }
}
