using HallDevices.Kiosk;

try
{
    var app = WebApplication.CreateBuilder(args).AddKiosk().Build();
    app.MapKioskApi();
    app.Run();
    return 0;
}
catch (Microsoft.Extensions.Options.OptionsValidationException e)
{
    // A configuration mistake is the operator's to fix: say what, without a stack trace.
    Console.Error.WriteLine($"kiosk: {e.Message}");
    return 2;
}
