using HallDevices.Queueing.Halls;
using HallDevices.QueueServer;
using HallDevices.QueueServer.Mqtt;

try
{
    if (args is ["mosquitto-acl", ..])
    {
        // Prints the Mosquitto ACL equivalent to the embedded broker's, for Mqtt:Accounts.
        var config = WebApplication.CreateBuilder(args[1..]).Configuration;
        var accounts = config.GetSection(BrokerOptions.Section).Get<BrokerOptions>()?.Accounts ?? [];
        Console.Write(MosquittoAcl.Write(config["Mqtt:Username"] ?? "queue-server", accounts));
        return 0;
    }

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
