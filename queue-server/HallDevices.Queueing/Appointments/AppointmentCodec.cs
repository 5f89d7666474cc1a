using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace HallDevices.Queueing.Appointments;

/// <summary>An online booking as its code carries it.</summary>
/// <param name="Id">Unique id of the booking; a code is single-use by this id.</param>
/// <param name="HallId">Hall it is valid in.</param>
/// <param name="ServiceId">Service booked.</param>
/// <param name="ValidFrom">Start of the check-in window.</param>
/// <param name="ValidTo">End of the check-in window.</param>
public sealed record Appointment(string Id, string HallId, string ServiceId, DateTimeOffset ValidFrom, DateTimeOffset ValidTo);

/// <summary>Outcome of checking a scanned code.</summary>
/// <param name="Appointment">The booking, when the code is genuine and valid now.</param>
/// <param name="ErrorCode">Otherwise why not: <c>appointment-forged</c>, <c>appointment-expired</c>, <c>appointment-too-early</c>, <c>appointment-wrong-hall</c>.</param>
/// <param name="Message">Human explanation.</param>
public sealed record AppointmentCheck(Appointment? Appointment, string? ErrorCode, string? Message)
{
    /// <summary>True when the code may be checked in now.</summary>
    public bool IsValid => Appointment is not null && ErrorCode is null;
}

/// <summary>
/// Appointment codes (预约码) signed by the server: <c>HDA1.{hall}.{service}.{from}.{to}.{id}.{mac}</c>,
/// times in Unix minutes, the MAC an HMAC-SHA256 (truncated to 128 bits, base64url) over everything
/// before it. Short enough for a QR code a phone shows; unforgeable without the hall's key; checked
/// offline by the server without a booking database. Single use is the engine's job (by <see cref="Appointment.Id"/>).
/// </summary>
public sealed class AppointmentCodec
{
    /// <summary>Prefix that tells a scanned appointment code from other codes.</summary>
    public const string Prefix = "HDA1.";

    private readonly byte[] _key;

    /// <summary>Creates a codec with the hall's appointment key (at least 16 bytes).</summary>
    public AppointmentCodec(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < 16)
        {
            throw new ArgumentException("the appointment key must be at least 16 bytes", nameof(key));
        }

        _key = (byte[])key.Clone();
    }

    /// <summary>Signs a booking into a code.</summary>
    public string Issue(Appointment appointment)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        foreach (var part in new[] { appointment.HallId, appointment.ServiceId, appointment.Id })
        {
            if (string.IsNullOrEmpty(part) || part.Contains('.', StringComparison.Ordinal))
            {
                throw new ArgumentException("hall, service and booking ids must be non-empty and contain no '.'", nameof(appointment));
            }
        }

        var body = string.Join('.', "HDA1", appointment.HallId, appointment.ServiceId, Minutes(appointment.ValidFrom), Minutes(appointment.ValidTo), appointment.Id);
        return body + "." + Mac(body);
    }

    /// <summary>Checks a scanned code for <paramref name="hallId"/> at <paramref name="now"/>.</summary>
    public AppointmentCheck Verify(string code, string hallId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(code);
        var parts = code.Trim().Split('.');
        if (parts.Length != 7 || parts[0] != "HDA1"
            || !long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var from)
            || !long.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out var to))
        {
            return Fail(ErrorCodes.AppointmentForged, "this is not an appointment code of this system");
        }

        var body = string.Join('.', parts[..6]);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Mac(body)), Encoding.ASCII.GetBytes(parts[6])))
        {
            return Fail(ErrorCodes.AppointmentForged, "the appointment code's signature is not valid");
        }

        var appointment = new Appointment(parts[5], parts[1], parts[2], DateTimeOffset.FromUnixTimeSeconds(from * 60), DateTimeOffset.FromUnixTimeSeconds(to * 60));
        if (appointment.HallId != hallId)
        {
            return Fail(ErrorCodes.AppointmentWrongHall, "this appointment is for another service hall");
        }

        if (now < appointment.ValidFrom)
        {
            return Fail(ErrorCodes.AppointmentTooEarly, $"check-in opens at {appointment.ValidFrom:HH:mm}");
        }

        if (now > appointment.ValidTo)
        {
            return Fail(ErrorCodes.AppointmentExpired, "this appointment's check-in time has passed");
        }

        return new AppointmentCheck(appointment, null, null);
    }

    private static AppointmentCheck Fail(string code, string message) => new(null, code, message);

    private static string Minutes(DateTimeOffset t) => (t.ToUnixTimeSeconds() / 60).ToString(CultureInfo.InvariantCulture);

    private string Mac(string body) =>
        Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(body)).AsSpan(0, 16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
