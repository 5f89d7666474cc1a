using HallDevices.Display.Hosting;
using HallDevices.Hosting;

// A configuration mistake (missing font, bad size, unknown engine) exits with code 2 and the
// message, without a stack trace.
return HallApp.Run(
    "display",
    () =>
    {
        var app = WebApplication.CreateBuilder(args).AddDisplay().Build().UseDisplay();
        app.Run();
        return 0;
    },
    e => e is DisplayStartupException);
