namespace HallDevices.Devices.Modbus;

/// <summary>Reads new events from a device's sequence + history registers.</summary>
internal sealed class EventRing
{
    private ushort? _lastSequence;

    public int Lost { get; private set; }

    public IReadOnlyList<ushort> Take(ReadOnlySpan<ushort> registers)
    {
        ushort sequence = registers[0];
        if (_lastSequence is not { } last)
        {
            // The first poll only learns where the device is; presses before we started are old.
            _lastSequence = sequence;
            return [];
        }

        int fresh = (ushort)(sequence - last);
        _lastSequence = sequence;
        if (fresh > BusRegisters.EventHistory)
        {
            Lost += fresh - BusRegisters.EventHistory;
            fresh = BusRegisters.EventHistory;
        }

        var events = new List<ushort>(fresh);
        for (int i = fresh; i >= 1; i--)
        {
            events.Add(registers[i]);
        }

        return events;
    }
}
