using System.Text;

namespace HallDevices.Devices.IdCard;

/// <summary>Everything read from a card: parsed text and the photo, kept opaque.</summary>
/// <param name="Text">The parsed text block.</param>
/// <param name="Photo">The photo bytes exactly as the card gave them (licensed wavelet format).</param>
public sealed record IdCardData(IdCardRecord Text, byte[] Photo)
{
    /// <summary>Writes members without the photo bytes and with the ID number masked.</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Text = ").Append(Text).Append(", PhotoBytes = ").Append(Photo.Length);
        return true;
    }
}
