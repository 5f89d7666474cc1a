namespace HallDevices.Devices.IdCard;

/// <summary>Human descriptions of SAM status codes.</summary>
public static class SamStatusText
{
    /// <summary>Describes a status byte in words an operator can act on.</summary>
    public static string Describe(byte sw3) => (SamStatus)sw3 switch
    {
        SamStatus.Success => "success",
        SamStatus.CardFound => "card found",
        SamStatus.FindFailed => "no card on the reader",
        SamStatus.SelectFailed => "card could not be selected; place it flat and still",
        SamStatus.ReadFailed => "reading the card failed; the card moved or is damaged",
        SamStatus.ChecksumError => "reader rejected our frame: checksum error",
        SamStatus.LengthError => "reader rejected our frame: length error",
        SamStatus.CommandError => "reader rejected our frame: unknown command",
        _ => $"unknown reader status 0x{sw3:X2}",
    };
}
