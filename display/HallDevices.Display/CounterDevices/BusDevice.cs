using HallDevices.Contracts;

namespace HallDevices.Display.CounterDevices;

/// <summary>One device of the bus map and what the display last knew and wrote.</summary>
internal sealed class BusDevice(BusDeviceOptions options)
{
    public byte Address { get; } = (byte)options.Address;

    public string Kind { get; } = options.Kind;

    public string Counter { get; } = options.Counter;

    public string DeviceId { get; } = options.EffectiveDeviceId;

    /// <summary>Null until the first attempt.</summary>
    public bool? Online { get; set; }

    public string Health { get; set; } = HealthStates.Ok;

    public string? Detail { get; set; }

    public DateTimeOffset NextAttempt { get; set; }

    /// <summary>What was last written to the device (text, or prompt on/off); null forces a write.</summary>
    public string? Written { get; set; }
}
