using Microsoft.Extensions.Options;

namespace HallDevices.Messaging;

/// <summary>
/// Rejects <see cref="MqttConnectionOptions"/> that could only fail later and obscurely (bad port,
/// client id that breaks reply topics, will payload without topic, ...). Registered by
/// <see cref="MessagingServiceCollectionExtensions.AddHallMqttClient"/> with validation on start.
/// </summary>
public sealed class MqttConnectionOptionsValidator : IValidateOptions<MqttConnectionOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, MqttConnectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = Check(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Lists every problem with <paramref name="options"/>; empty when they are usable.</summary>
    public static IReadOnlyList<string> Check(MqttConnectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Host))
        {
            errors.Add("Mqtt:Host is required.");
        }

        if (options.Port is < 1 or > 65535)
        {
            errors.Add($"Mqtt:Port must be 1-65535 (was {options.Port}).");
        }

        if (!string.IsNullOrEmpty(options.ClientId) && (options.ClientId.IndexOfAny(['/', '+', '#']) >= 0 || options.ClientId.Length > 128))
        {
            errors.Add("Mqtt:ClientId may not contain '/', '+' or '#' and may be at most 128 characters, because it names the reply topic.");
        }

        if (!string.IsNullOrEmpty(options.Password) && string.IsNullOrEmpty(options.Username))
        {
            errors.Add("Mqtt:Password needs Mqtt:Username (MQTT sends no password without a user name).");
        }

        if (!string.IsNullOrEmpty(options.CaCertificatePath))
        {
            if (!options.UseTls)
            {
                errors.Add("Mqtt:CaCertificatePath is set but Mqtt:UseTls is false.");
            }
            else if (!File.Exists(options.CaCertificatePath))
            {
                errors.Add($"Mqtt:CaCertificatePath '{options.CaCertificatePath}' does not exist.");
            }
        }

        if (options.KeepAlive < TimeSpan.Zero || options.KeepAlive > TimeSpan.FromSeconds(ushort.MaxValue))
        {
            errors.Add("Mqtt:KeepAlive must be between 0 and 18:12:15.");
        }

        if (!MqttConnectionOptions.TryParseProtocolVersion(options.ProtocolVersion, out _))
        {
            errors.Add($"Mqtt:ProtocolVersion must be 5 or 3.1.1 (was '{options.ProtocolVersion}').");
        }

        if (string.IsNullOrEmpty(options.WillTopic) && (!string.IsNullOrEmpty(options.WillPayload) || options.WillRetain))
        {
            errors.Add("Mqtt:WillPayload/WillRetain are set but Mqtt:WillTopic is empty.");
        }

        if (!string.IsNullOrEmpty(options.WillTopic) && options.WillTopic.IndexOfAny(['+', '#']) >= 0)
        {
            errors.Add("Mqtt:WillTopic may not contain wildcards.");
        }

        if (options.ReconnectMinDelay <= TimeSpan.Zero)
        {
            errors.Add("Mqtt:ReconnectMinDelay must be positive.");
        }

        if (options.ReconnectMaxDelay < options.ReconnectMinDelay)
        {
            errors.Add("Mqtt:ReconnectMaxDelay must be at least Mqtt:ReconnectMinDelay.");
        }

        foreach (var (key, value) in new[]
                 {
                     ("ConnectTimeout", options.ConnectTimeout),
                     ("PublishTimeout", options.PublishTimeout),
                     ("RequestTimeout", options.RequestTimeout),
                 })
        {
            if (value <= TimeSpan.Zero)
            {
                errors.Add($"Mqtt:{key} must be positive.");
            }
        }

        if (string.IsNullOrWhiteSpace(options.ReplyTopicPrefix) || options.ReplyTopicPrefix.IndexOfAny(['+', '#']) >= 0
            || options.ReplyTopicPrefix.StartsWith('/') || options.ReplyTopicPrefix.EndsWith('/'))
        {
            errors.Add("Mqtt:ReplyTopicPrefix must be a topic without wildcards and without leading/trailing '/'.");
        }

        return errors;
    }
}
