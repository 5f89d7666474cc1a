using System.Text.Json.Serialization;

namespace HallDevices.Contracts;

/// <summary>
/// The retained <c>hall/{hallId}/devices/{deviceId}/status</c> message, published by each device app
/// itself; its last will is the same message with <see cref="Online"/> false.
/// </summary>
/// <param name="Online">False once the device app is gone (last will) or the device stopped answering.</param>
/// <param name="Health">One of <see cref="HealthStates"/>; a bare last will <c>{"online":false}</c> has none.</param>
/// <param name="Detail">Words for the staff; written as null when there is nothing to say.</param>
public sealed record DeviceStatus(
    bool Online,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Health,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Detail);
