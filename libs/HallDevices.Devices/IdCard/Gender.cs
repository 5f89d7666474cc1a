namespace HallDevices.Devices.IdCard;

/// <summary>Gender as coded on the card (GB/T 2261.1).</summary>
public enum Gender
{
    /// <summary>Code 0 or anything the card did not state.</summary>
    Unknown = 0,

    /// <summary>Code 1.</summary>
    Male = 1,

    /// <summary>Code 2.</summary>
    Female = 2,
}
