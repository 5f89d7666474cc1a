using HallDevices.Queueing.Halls;
using HallDevices.QueueServer;

try
{
    var app = WebApplication.CreateBuilder(args).AddQueueServer().Build().UseQueueServer();
    app.Run();
    return 0;
}
catch (Exception e) when (e is HallConfigException or StartupException or Microsoft.Extensions.Options.OptionsValidationException)
{
    // A configuration mistake is the operator's to fix: say what and where, without a stack trace.
    Console.Error.WriteLine($"queue-server: {e.Message}");
    return 2;
}
