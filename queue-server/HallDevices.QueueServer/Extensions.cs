using HallDevices.QueueServer.Halls;
using HallDevices.QueueServer.Http;
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
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<HallRegistry>();
        services.AddSingleton<HallRequests>();

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
        app.MapHallApi();
        return app;
    }

    private static bool IsKey(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out var n) && n >= 16;
    }
}
