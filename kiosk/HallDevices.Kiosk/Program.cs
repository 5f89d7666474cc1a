using HallDevices.Hosting;
using HallDevices.Kiosk;

// A bad setting exits with code 2 and the message, without a stack trace.
return HallApp.Run(
    "kiosk",
    () =>
    {
        var app = WebApplication.CreateBuilder(args).AddKiosk().Build();
        app.MapKioskApi();
        app.Run();
        return 0;
    });
