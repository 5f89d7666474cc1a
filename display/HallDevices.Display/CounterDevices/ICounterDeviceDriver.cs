using HallDevices.Contracts;
using HallDevices.Devices.Modbus;

namespace HallDevices.Display.CounterDevices;

/// <summary>
/// What the bus master does with one kind of device (keypad, evaluator, LED strip), chosen once per
/// device when the bus map is loaded (<see cref="CounterDeviceDrivers.Create"/>). Each polling round
/// <see cref="BusService"/> calls <see cref="PollAsync"/>, then writes <see cref="Shows"/> when it
/// differs from <see cref="BusDevice.Written"/> or when <see cref="StillShowsAsync"/> finds the device
/// lost it. Every step that talks to the device may throw <see cref="TimeoutException"/> (no answer)
/// or <see cref="ModbusException"/> (it refuses); the caller counts those.
/// </summary>
internal interface ICounterDeviceDriver
{
    BusDevice Device { get; }

    /// <summary>
    /// A new session on <paramref name="master"/>, forgetting the event sequence and what was written:
    /// after a reconnect or a silence the device may have restarted, and old presses must not replay.
    /// </summary>
    void Attach(ModbusRtuMaster master);

    /// <summary>Reads what the device has for the server (key presses, scores) and sends it on.</summary>
    Task PollAsync(CounterStateMessage? state, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>What the device should show now, in the form kept in <see cref="BusDevice.Written"/>.</summary>
    string Shows(CounterStateMessage? state, DateTimeOffset now);

    /// <summary>
    /// With nothing new to write: whether the device still shows <paramref name="shown"/>. A device
    /// that restarted between two polls answers them as before, blank; only reading it back tells.
    /// </summary>
    Task<bool> StillShowsAsync(string shown, CancellationToken cancellationToken);

    Task WriteAsync(string shown, CancellationToken cancellationToken);
}
