using HallDevices.Devices.Voice;
using Microsoft.Extensions.Options;

namespace HallDevices.Kiosk.Voice;

/// <summary>Registers the kiosk's speaker.</summary>
public static class KioskVoiceExtensions
{
    /// <summary>
    /// Binds and validates <c>Kiosk:Voice</c> at start-up and registers <see cref="IKioskSpeaker"/>
    /// (a <see cref="KioskSpeaker"/>, also a hosted service that logs at start whether the kiosk can
    /// speak and stops speaking at shutdown). Always registered: with the voice off or espeak-ng
    /// missing, <see cref="IKioskSpeaker.SayAsync"/> returns at once.
    /// </summary>
    public static IServiceCollection AddKioskVoice(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<KioskVoiceOptions>().Bind(configuration.GetSection(KioskVoiceOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<KioskVoiceOptions>, KioskVoiceOptionsValidator>();
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<KioskVoiceOptions>>().Value;
            IAudioSink sink = string.IsNullOrWhiteSpace(o.OutDir) ? new PlayerSink(o.Player, "Kiosk:Voice:OutDir") : new WavFileSink(o.OutDir, "say");
            return new KioskSpeaker(
                new EspeakEngine(o.ChineseVoice, o.Speed, o.Engine),
                new EspeakEngine(o.EnglishVoice, o.Speed, o.Engine),
                sink,
                sp.GetRequiredService<ILogger<KioskSpeaker>>(),
                o.Enabled);
        });
        services.AddSingleton<IKioskSpeaker>(sp => sp.GetRequiredService<KioskSpeaker>());
        services.AddHostedService(sp => sp.GetRequiredService<KioskSpeaker>());
        return services;
    }
}
