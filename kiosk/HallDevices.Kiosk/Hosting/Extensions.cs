using HallDevices.Kiosk.Devices;
using HallDevices.Kiosk.Flows;
using HallDevices.Kiosk.Queue;
using HallDevices.Kiosk.Tickets;
using HallDevices.Kiosk.Voice;
using HallDevices.Messaging;
using Microsoft.Extensions.Options;

namespace HallDevices.Kiosk;

/// <summary>Wiring of the kiosk, kept out of Program.cs.</summary>
public static class Extensions
{
    /// <summary>Options, MQTT, the ticket flow, the touch UI and one worker per fitted device.</summary>
    public static WebApplicationBuilder AddKiosk(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<KioskOptions>().BindConfiguration(KioskOptions.Section).ValidateDataAnnotations()
            .Validate(o => File.Exists(o.FontPath), "Kiosk:FontPath does not exist (Debian: apt-get install fonts-wqy-microhei)")
            .ValidateOnStart();
        var kiosk = builder.Configuration.GetSection(KioskOptions.Section).Get<KioskOptions>() ?? new KioskOptions();
        services.AddSingleton(TimeProvider.System);
        services.AddHallMqttClient(builder.Configuration, o =>
        {
            o.ClientId = kiosk.DeviceId;
            o.Username ??= kiosk.DeviceId;

            // The broker tells everyone the kiosk is gone if it dies without saying goodbye.
            o.UseDeviceStatusWill(kiosk.HallId, kiosk.DeviceId, "connection lost");
        });
        services.AddSingleton<MqttQueueClient>();
        services.AddSingleton<IQueueClient>(sp => sp.GetRequiredService<MqttQueueClient>());
        services.AddSingleton<ICatalogSource>(sp => sp.GetRequiredService<MqttQueueClient>());
        services.AddHostedService(sp => sp.GetRequiredService<MqttQueueClient>());
        services.AddSingleton(sp => new PassCodePolicy(sp.GetRequiredService<IOptions<KioskOptions>>().Value.PassCodes));
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<KioskOptions>>().Value;
            return new TicketRenderer(o.Printer.PaperWidthMm, o.FontPath);
        });
        services.AddSingleton<TicketFlow>();
        services.AddSingleton<KioskSession>();
        services.AddHostedService<SessionTicker>();
        services.AddKioskDevices(kiosk);
        services.AddKioskVoice(builder.Configuration);
        services.AddSingleton<ReadAloud>();
        services.AddHostedService(sp => sp.GetRequiredService<ReadAloud>());
        builder.WebHost.UseUrls(kiosk.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries));
        return builder;
    }
}
