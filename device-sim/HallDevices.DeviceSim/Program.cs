// device-sim: emulators for the hall's hardware (issue #4). Until they land, the command lists
// what it will offer and exits with a usage code, never pretending to emulate a device.
var commands = new[] { "id-card", "printer", "scanner", "bus" };
if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine("usage: device-sim <id-card|printer|scanner|bus> [options]");
    return 0;
}

if (!commands.Contains(args[0]))
{
    Console.Error.WriteLine($"device-sim: unknown emulator '{args[0]}'; expected one of {string.Join(", ", commands)}");
    return 2;
}

Console.Error.WriteLine($"device-sim: the '{args[0]}' emulator is not built yet (issue #4)");
return 3;
