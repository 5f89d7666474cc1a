namespace HallDevices.Devices.IdCard;

/// <summary>Raised when a text block cannot be parsed into an <see cref="IdCardRecord"/>.</summary>
public sealed class IdCardFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public IdCardFormatException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public IdCardFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public IdCardFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
