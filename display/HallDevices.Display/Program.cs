using HallDevices.Display.Hosting;

try
{
    var app = WebApplication.CreateBuilder(args).AddDisplay().Build().UseDisplay();
    app.Run();
    return 0;
}
catch (Exception e) when (e is DisplayStartupException or Microsoft.Extensions.Options.OptionsValidationException)
{
    // A configuration mistake (missing font, bad size, unknown engine) is the operator's to fix:
    // say what and where, without a stack trace.
    Console.Error.WriteLine($"display: {e.Message}");
    return 2;
}
