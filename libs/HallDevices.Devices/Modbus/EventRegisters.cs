namespace HallDevices.Devices.Modbus;

/// <summary>Shared event-register behaviour of keypads and evaluators.</summary>
internal static class EventRegisters
{
    public static void Push(ArrayRegisterBank bank, ushort code)
    {
        for (int i = BusRegisters.EventHistory; i > 1; i--)
        {
            bank[BusRegisters.EventCodes + i - 1] = bank[BusRegisters.EventCodes + i - 2];
        }

        bank[BusRegisters.EventCodes] = code;
        bank[BusRegisters.EventSequence] = (ushort)(bank[BusRegisters.EventSequence] + 1);
    }
}
