using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HallDevices.Messaging;

/// <summary>Registers <see cref="HallMqttClient"/> in a Generic Host.</summary>
public static class MessagingServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="MqttConnectionOptions"/> (bound from <paramref name="configuration"/>'s
    /// section <c>Mqtt</c> when given, then <paramref name="configure"/>), validated on start, and one
    /// singleton <see cref="HallMqttClient"/> that also runs as a hosted service: it starts connecting
    /// with the host and disconnects cleanly when the host stops.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">App configuration (the root; section <c>Mqtt</c> is read), or null.</param>
    /// <param name="configure">Extra configuration applied after binding, or null.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddHallMqttClient(this IServiceCollection services, IConfiguration? configuration = null, Action<MqttConnectionOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<MqttConnectionOptions>();
        if (configuration is not null)
        {
            builder.Configure(o => MqttConnectionOptionsBinder.Bind(configuration.GetSection(MqttConnectionOptions.SectionName), o));
        }

        if (configure is not null)
        {
            builder.Configure(configure);
        }

        builder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MqttConnectionOptions>, MqttConnectionOptionsValidator>());
        services.TryAddSingleton(sp => new HallMqttClient(
            sp.GetRequiredService<IOptions<MqttConnectionOptions>>().Value,
            sp.GetRequiredService<ILogger<HallMqttClient>>(),
            sp.GetService<TimeProvider>()));
        services.AddHostedService(sp => sp.GetRequiredService<HallMqttClient>());
        return services;
    }
}

/// <summary>
/// Binds <see cref="MqttConnectionOptions"/> from a configuration section without the reflection
/// binder package (this library depends only on the abstractions). Keys are the property names;
/// unknown keys (e.g. the server's <c>Mqtt:Mode</c>) are ignored; malformed values throw with the key named.
/// </summary>
public static class MqttConnectionOptionsBinder
{
    /// <summary>Copies every present key of <paramref name="section"/> onto <paramref name="options"/>.</summary>
    /// <param name="section">The <c>Mqtt</c> section.</param>
    /// <param name="options">Options to update.</param>
    /// <exception cref="InvalidOperationException">A value does not parse.</exception>
    public static void Bind(IConfiguration section, MqttConnectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(options);
        Str(section, nameof(options.Host), v => options.Host = v);
        Int(section, nameof(options.Port), v => options.Port = v);
        Str(section, nameof(options.ClientId), v => options.ClientId = v);
        Str(section, nameof(options.Username), v => options.Username = v);
        Str(section, nameof(options.Password), v => options.Password = v);
        Bool(section, nameof(options.UseTls), v => options.UseTls = v);
        Str(section, nameof(options.CaCertificatePath), v => options.CaCertificatePath = v);
        Str(section, nameof(options.TlsServerName), v => options.TlsServerName = v);
        Span(section, nameof(options.KeepAlive), v => options.KeepAlive = v);
        Str(section, nameof(options.ProtocolVersion), v => options.ProtocolVersion = v);
        Str(section, nameof(options.WillTopic), v => options.WillTopic = v);
        Str(section, nameof(options.WillPayload), v => options.WillPayload = v);
        Bool(section, nameof(options.WillRetain), v => options.WillRetain = v);
        Span(section, nameof(options.ReconnectMinDelay), v => options.ReconnectMinDelay = v);
        Span(section, nameof(options.ReconnectMaxDelay), v => options.ReconnectMaxDelay = v);
        Span(section, nameof(options.ConnectTimeout), v => options.ConnectTimeout = v);
        Span(section, nameof(options.PublishTimeout), v => options.PublishTimeout = v);
        Span(section, nameof(options.RequestTimeout), v => options.RequestTimeout = v);
        Str(section, nameof(options.ReplyTopicPrefix), v => options.ReplyTopicPrefix = v);
        Bool(section, nameof(options.RestrictReplyTopics), v => options.RestrictReplyTopics = v);
    }

    private static void Str(IConfiguration section, string key, Action<string> set)
    {
        var value = section[key];
        if (value is not null)
        {
            set(value);
        }
    }

    private static void Int(IConfiguration section, string key, Action<int> set) =>
        Parse(section, key, set, s => (int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v), v));

    private static void Bool(IConfiguration section, string key, Action<bool> set) =>
        Parse(section, key, set, s => (bool.TryParse(s, out var v), v));

    private static void Span(IConfiguration section, string key, Action<TimeSpan> set) =>
        Parse(section, key, set, s => (TimeSpan.TryParse(s, CultureInfo.InvariantCulture, out var v), v));

    private static void Parse<T>(IConfiguration section, string key, Action<T> set, Func<string, (bool Ok, T Value)> parse)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        var (ok, value) = parse(text.Trim());
        if (!ok)
        {
            throw new InvalidOperationException($"Configuration value {MqttConnectionOptions.SectionName}:{key} = '{text}' is not a valid {typeof(T).Name}.");
        }

        set(value);
    }
}
