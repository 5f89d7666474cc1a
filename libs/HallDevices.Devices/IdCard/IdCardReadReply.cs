namespace HallDevices.Devices.IdCard;

/// <summary>
/// Payload of a successful <c>30 01</c> reply: text length (2, BE), photo length (2, BE), the text
/// block, then the photo.
/// </summary>
public static class IdCardReadReply
{
    /// <summary>Splits and parses a read reply payload.</summary>
    /// <exception cref="IdCardFormatException">The lengths do not match the payload or the text is malformed.</exception>
    public static IdCardData Parse(ReadOnlySpan<byte> data)
    {
        if (data.Length < 4)
        {
            throw new IdCardFormatException("Read reply is shorter than its two length fields.");
        }

        int textLength = (data[0] << 8) | data[1];
        int photoLength = (data[2] << 8) | data[3];
        if (textLength < IdCardTextBlock.Length || data.Length < 4 + textLength + photoLength)
        {
            throw new IdCardFormatException($"Read reply declares text {textLength} and photo {photoLength} bytes but carries {data.Length - 4}.");
        }

        var record = IdCardTextBlock.Parse(data.Slice(4, textLength));
        byte[] photo = data.Slice(4 + textLength, photoLength).ToArray();
        return new IdCardData(record, photo);
    }

    /// <summary>Builds a read reply payload from a text block and a photo.</summary>
    public static byte[] Build(ReadOnlySpan<byte> textBlock, ReadOnlySpan<byte> photo)
    {
        var data = new byte[4 + textBlock.Length + photo.Length];
        data[0] = (byte)(textBlock.Length >> 8);
        data[1] = (byte)textBlock.Length;
        data[2] = (byte)(photo.Length >> 8);
        data[3] = (byte)photo.Length;
        textBlock.CopyTo(data.AsSpan(4));
        photo.CopyTo(data.AsSpan(4 + textBlock.Length));
        return data;
    }
}
