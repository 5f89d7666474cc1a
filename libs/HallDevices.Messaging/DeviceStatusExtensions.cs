using HallDevices.Contracts;

namespace HallDevices.Messaging;

/// <summary>
/// A device app's own retained status (<c>hall/{hallId}/devices/{deviceId}/status</c>) and the last
/// will that turns it to offline when the app dies: the same message for the kiosk, the display and
/// each bus device the display drives.
/// </summary>
public static class DeviceStatusExtensions
{
    /// <summary>Publishes <paramref name="status"/>, retained, so a console that connects later sees it.</summary>
    /// <param name="mqtt">The connected client.</param>
    /// <param name="hallId">Hall.</param>
    /// <param name="deviceId">Device, usually the client id.</param>
    /// <param name="status">The status.</param>
    /// <param name="cancellationToken">Cancels the wait for the broker's acknowledgement.</param>
    public static Task PublishDeviceStatusAsync(this HallMqttClient mqtt, string hallId, string deviceId, DeviceStatus status, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mqtt);
        return mqtt.PublishAsync(Topics.DeviceStatus(hallId, deviceId), ContractJson.SerializeToUtf8Bytes(status), retain: true, cancellationToken);
    }

    /// <summary>
    /// Sets the last will to the device's status topic: <c>{"online":false,"health":"error","detail":...}</c>,
    /// retained, so the hall learns the app is gone even when it could not say goodbye.
    /// </summary>
    /// <param name="options">The connection options being configured.</param>
    /// <param name="hallId">Hall.</param>
    /// <param name="deviceId">Device, usually the client id.</param>
    /// <param name="detail">Words for the staff, e.g. <c>connection lost</c>.</param>
    public static void UseDeviceStatusWill(this MqttConnectionOptions options, string hallId, string deviceId, string detail)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.WillTopic = Topics.DeviceStatus(hallId, deviceId);
        options.WillPayload = ContractJson.Serialize(new DeviceStatus(false, HealthStates.Error, detail));
        options.WillRetain = true;
    }
}
