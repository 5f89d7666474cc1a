namespace HallDevices.Devices.IdCard;

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
