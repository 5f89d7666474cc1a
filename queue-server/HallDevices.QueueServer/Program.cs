using HallDevices.Hosting;
using HallDevices.Queueing.Halls;
using HallDevices.QueueServer;
using HallDevices.QueueServer.Mqtt;

// A bad hall file or setting exits with code 2 and the message, without a stack trace.
return HallApp.Run(
    "queue-server",
    () =>
    {
        if (args is ["mosquitto-acl", ..])
        {
            // Prints the Mosquitto ACL equivalent to the embedded broker's, for Mqtt:Accounts.
            var config = WebApplication.CreateBuilder(args[1..]).Configuration;
            var accounts = config.GetSection(BrokerOptions.Section).Get<BrokerOptions>()?.Accounts ?? [];
            Console.Write(MosquittoAcl.Write(config["Mqtt:Username"] ?? "queue-server", accounts));
            return 0;
        }

        if (args is ["set-password", ..])
        {
            // Sets or resets a staff password in the staff file (README "Accounts and roles").
            return HallDevices.QueueServer.Staff.StaffCli.SetPassword(args[1..], Console.In, Console.Out, Console.Error);
        }

        if (args is ["report", ..])
        {
            // A hall's report or a district's bulletin, with the server stopped (queue-server/README.md "Reports").
            return HallDevices.QueueServer.Reports.ReportCli.Report(args[1..], Console.Out, Console.Error);
        }

        if (args is ["export-events", ..])
        {
            // A hall's event log for the district server's import.
            return HallDevices.QueueServer.Reports.ReportCli.ExportEvents(args[1..], Console.Out, Console.Error);
        }

        var app = WebApplication.CreateBuilder(args).AddQueueServer().Build().UseQueueServer();
        app.Run();
        return 0;
    },
    e => e is HallConfigException or StartupException or HallDevices.QueueServer.Storage.HallStoreInUseException);
