namespace HallDevices.Contracts;

/// <summary>Formats of codes citizens show at the kiosk scanner.</summary>
public static class CodeFormats
{
    /// <summary>
    /// Prefix of appointment codes (<c>HDA1.{hall}.{service}.{from}.{to}.{booking}.{mac}</c>), signed
    /// and checked by the queue-server; the kiosk only needs to tell them from pass codes.
    /// </summary>
    public const string AppointmentPrefix = "HDA1.";
}
