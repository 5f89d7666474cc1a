using HallDevices.DeviceSim.Emulators;

namespace HallDevices.DeviceSim.Demo;

/// <summary>The emulated devices of one kiosk and the kiosk app wired to them.</summary>
/// <param name="Id">Device id (kiosk-01).</param>
/// <param name="App">The kiosk process.</param>
/// <param name="Ui">Its touch UI.</param>
/// <param name="Reader">The ID-card reader emulator.</param>
/// <param name="Scanner">The scanner emulator.</param>
/// <param name="Printer">The printer emulator.</param>
public sealed record DemoKiosk(string Id, ChildApp App, Uri Ui, IdCardEmulatorHost Reader, ScannerEmulatorHost Scanner, PrinterEmulatorHost Printer);
