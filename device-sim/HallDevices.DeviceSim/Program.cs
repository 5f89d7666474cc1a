using HallDevices.DeviceSim;

// device-sim: the hall's hardware on the other end of real wires (docs/devices.md).
return await Cli.RunAsync(args, Console.In, Console.Out, Console.Error);
