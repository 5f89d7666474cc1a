namespace HallDevices.Devices.IdCard;

/// <summary>Status codes a SAM module reports in SW3 (docs/design.md §6 plus the common vendor table).</summary>
public enum SamStatus : byte
{
    /// <summary><c>90</c>: the command succeeded.</summary>
    Success = 0x90,

    /// <summary><c>9F</c>: a card was found in the field.</summary>
    CardFound = 0x9F,

    /// <summary><c>80</c>: no card in the field.</summary>
    FindFailed = 0x80,

    /// <summary><c>81</c>: the card could not be selected.</summary>
    SelectFailed = 0x81,

    /// <summary><c>41</c>: reading the card failed (moved away, bad contact).</summary>
    ReadFailed = 0x41,

    /// <summary><c>10</c>: the reader received a frame with a bad checksum.</summary>
    ChecksumError = 0x10,

    /// <summary><c>11</c>: the reader received a frame with a bad length.</summary>
    LengthError = 0x11,

    /// <summary><c>21</c>: the reader did not understand the command.</summary>
    CommandError = 0x21,
}
