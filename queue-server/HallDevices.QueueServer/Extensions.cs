using HallDevices.Hosting;
using HallDevices.Messaging;
using HallDevices.QueueServer.Dashboard;
using HallDevices.QueueServer.Devices;
using HallDevices.QueueServer.Halls;
using HallDevices.QueueServer.Http;
using HallDevices.QueueServer.Http.Access;
using HallDevices.QueueServer.Mqtt;
using HallDevices.QueueServer.Reports;
using HallDevices.QueueServer.Storage;
using Microsoft.Extensions.Options;

namespace HallDevices.QueueServer;

/// <summary>Wiring of the queue server, kept out of Program.cs.</summary>
public static class Extensions
{
    /// <summary>Binds and validates options, registers halls and request handling.</summary>
    public static WebApplicationBuilder AddQueueServer(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<HallOptions>().BindConfiguration(HallOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<IdentityOptions>().BindConfiguration(IdentityOptions.Section).ValidateDataAnnotations()
            .Validate(o => IsKey(o.HashKey), "Identity:HashKey must be base64 of at least 16 bytes")
            .Validate(o => builder.Environment.IsDevelopment() || o.HashKey != IdentityOptions.SampleHashKey,
                "Identity:HashKey is the sample key from appsettings.json; set a secret key for production")
            .ValidateOnStart();
        services.AddOptions<AppointmentOptions>().BindConfiguration(AppointmentOptions.Section).ValidateDataAnnotations()
            .Validate(o => IsKey(o.Key), "Appointments:Key must be base64 of at least 16 bytes")
            .Validate(o => builder.Environment.IsDevelopment() || o.Key != AppointmentOptions.SampleKey,
                "Appointments:Key is the sample key from appsettings.json; set the key shared with the booking system for production")
            .ValidateOnStart();
        services.AddOptions<BrokerOptions>().BindConfiguration(BrokerOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.Accounts.Select(a => a.Username).Distinct(StringComparer.Ordinal).Count() == o.Accounts.Count, "Mqtt:Accounts has a duplicate Username")
            .Validate(o => o.MaxMessageBytes >= o.MaxPayloadBytes, "Mqtt:MaxMessageBytes must be at least Mqtt:MaxPayloadBytes, or the broker would drop requests the server would answer")
            .Validate(o => builder.Environment.IsDevelopment() || o.Accounts.All(a => !a.Password.StartsWith("sample-", StringComparison.Ordinal)),
                "Mqtt:Accounts still has the sample passwords from appsettings.json; set real ones for production")
            .ValidateOnStart();
        services.AddOptions<ClockOptions>().BindConfiguration(ClockOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<HallClock>();
        services.AddSingleton<ServerMetrics>();
        services.AddSingleton<HallChangeFeed>();
        services.AddSingleton<HallRegistry>();
        services.AddSingleton<HallRequests>();
        services.AddSingleton<Evaluation.EvaluationRequests>();
        services.AddSingleton<DeviceHealthBook>();

        // Hosted services stop in reverse order: requests stop first, then the publisher drains,
        // then the client disconnects cleanly, then the embedded broker goes.
        services.AddSingleton<EmbeddedBroker>();
        services.AddHostedService(sp => sp.GetRequiredService<EmbeddedBroker>());
        services.AddHallMqttClient(builder.Configuration, o => o.ClientId = "queue-server");
        services.AddOptions<MqttConnectionOptions>().Configure<EmbeddedBroker, IOptions<BrokerOptions>>((o, broker, b) =>
        {
            if (b.Value.Mode == BrokerMode.Embedded)
            {
                // The server's own client is just another client of its broker (no shortcuts), so the
                // same code runs against an external broker.
                o.Host = b.Value.BindAddress == "0.0.0.0" ? "127.0.0.1" : b.Value.BindAddress;
                o.Port = b.Value.Port;
                o.Username = broker.ServerAccount.Username;
                o.Password = broker.ServerAccount.Password;
                o.UseTls = false;
            }
        });
        builder.AddStaffAuthentication();
        builder.AddReports();
        services.AddApiDocs();
        services.AddSingleton<Live.HallLiveFeed>();
        services.AddHostedService<StatePublisher>();
        services.AddSingleton<RequestListener>();
        services.AddHostedService(sp => sp.GetRequiredService<RequestListener>());
        services.AddHostedService<DeviceHealthListener>();

        var urls = builder.Configuration["Http:Urls"] ?? "http://127.0.0.1:5080";
        builder.WebHost.UseUrls(urls.Split(';', StringSplitOptions.RemoveEmptyEntries));
        return builder;
    }

    /// <summary>Maps endpoints and resolves the halls at start-up so a bad hall file stops the server at once.</summary>
    public static WebApplication UseQueueServer(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Services.GetRequiredService<HallRegistry>();
        var requests = app.Services.GetRequiredService<HallRequests>();
        requests.PublicUrl = app.Configuration["Http:PublicUrl"]
            ?? (app.Configuration["Http:Urls"] ?? "http://127.0.0.1:5080").Split(';')[0];
        app.Services.GetRequiredService<Staff.StaffDirectory>();
        app.UseStaticFiles(); // wwwroot: the console's and dashboard's scripts and styles (no secrets; pages check the session)
        app.UseAuthentication();
        app.UseRateLimiter();
        app.MapStaffPages();
        app.MapHallApi();
        app.MapEvaluationApi();
        app.MapEvaluationTermsApi();
        app.MapServiceGuideApi();
        app.MapConsolePage();
        Live.LiveEndpoints.MapLiveEndpoints(app);
        app.MapTrackingPage();
        app.MapDashboardApi().RequireHall(HallPermission.Oversee);
        app.MapDashboardPage();
        app.MapReports();
        app.MapApiDocs();
        app.MapGet("/metrics", (ServerMetrics metrics, HallRegistry halls) =>
            Results.Text(metrics.Render(halls.Halls.Select(h => new StoreFigures(h.Hall.Id, h.Store.Backlog, h.Store.AppliedByCatchUp))), "text/plain; version=0.0.4"))
            .Describe(ApiDocs.Tags.Operations, "Server metrics (Prometheus)", "Public. Request and storage figures in the Prometheus text format, for the hall's monitoring.")
            .Produces<string>(200, "text/plain");
        return app;
    }

    private static bool IsKey(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out var n) && n >= 16;
    }
}
