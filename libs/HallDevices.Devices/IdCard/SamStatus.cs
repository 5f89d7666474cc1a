namespace HallDevices.Devices.IdCard;

/// <summary>Status codes a SAM module reports in SW3 (DESIGN.md §6 plus the common vendor table).</summary>
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

/// <summary>Raised when the reader answers a command with a status other than the expected one.</summary>
public sealed class SamStatusException : Exception
{
    /// <summary>Creates the exception for a command and the status it got.</summary>
    public SamStatusException(SamCommand command, byte sw3)
        : base($"ID-card reader command {command} failed: {SamStatusText.Describe(sw3)} (SW3 0x{sw3:X2}).")
    {
        Command = command;
        Status = (SamStatus)sw3;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public SamStatusException()
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    public SamStatusException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public SamStatusException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The command that failed.</summary>
    public SamCommand Command { get; }

    /// <summary>The status the reader returned.</summary>
    public SamStatus Status { get; }
}
