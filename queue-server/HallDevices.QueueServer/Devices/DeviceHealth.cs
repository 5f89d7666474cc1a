namespace HallDevices.QueueServer.Devices;

/// <summary>
/// The latest status one device published on <c>hall/{hallId}/devices/{deviceId}/status</c>, as this
/// server received it. Times are the hall clock's, taken when the server read the message: a
/// retained status the server finds at start-up counts from then, since the message carries no time.
/// </summary>
/// <param name="DeviceId">Device id of the topic, e.g. <c>kiosk-01</c>, <c>display-01</c>, <c>keypad-w3</c>.</param>
/// <param name="Kind">One of <see cref="DeviceKinds"/>, read from the id's prefix.</param>
/// <param name="Online">False once the device said so or its last will did.</param>
/// <param name="Health">One of <see cref="Contracts.HealthStates"/> as published; null when the status named none (a bare last will).</param>
/// <param name="Detail">The device's words for the staff, if any.</param>
/// <param name="Since">When <see cref="Online"/> or <see cref="Health"/> last changed: how long the device has been like this.</param>
/// <param name="UpdatedAt">When the latest status arrived.</param>
public sealed record DeviceHealth(
    string DeviceId,
    string Kind,
    bool Online,
    string? Health,
    string? Detail,
    DateTimeOffset Since,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The same status with its times in <paramref name="zone"/> (the hall's, as every time the server writes).</summary>
    public DeviceHealth InZone(TimeZoneInfo zone) => this with
    {
        Since = TimeZoneInfo.ConvertTime(Since, zone),
        UpdatedAt = TimeZoneInfo.ConvertTime(UpdatedAt, zone),
    };
}
