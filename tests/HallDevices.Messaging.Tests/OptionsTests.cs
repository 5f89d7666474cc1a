using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HallDevices.Messaging.Tests;

public sealed class OptionsTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void The_Mqtt_section_binds_every_key()
    {
        var config = Config(
            ("Mqtt:Host", "broker.hall"), ("Mqtt:Port", "8883"), ("Mqtt:ClientId", "kiosk-1"),
            ("Mqtt:Username", "kiosk-1"), ("Mqtt:Password", "secret"), ("Mqtt:UseTls", "true"),
            ("Mqtt:TlsServerName", "mqtt.hall"), ("Mqtt:KeepAlive", "00:00:30"), ("Mqtt:ProtocolVersion", "3.1.1"),
            ("Mqtt:WillTopic", "hall/h1/devices/kiosk-1/status"), ("Mqtt:WillPayload", "{\"online\":false}"), ("Mqtt:WillRetain", "true"),
            ("Mqtt:ReconnectMinDelay", "00:00:01"), ("Mqtt:ReconnectMaxDelay", "00:01:00"), ("Mqtt:ConnectTimeout", "00:00:05"),
            ("Mqtt:PublishTimeout", "00:00:20"), ("Mqtt:RequestTimeout", "00:00:03"), ("Mqtt:ReplyTopicPrefix", "rr"),
            ("Mqtt:RestrictReplyTopics", "false"), ("Mqtt:Mode", "External"));
        var options = new MqttConnectionOptions();

        MqttConnectionOptionsBinder.Bind(config.GetSection("Mqtt"), options);

        Assert.Equal(("broker.hall", 8883, "kiosk-1", "kiosk-1", "secret", true), (options.Host, options.Port, options.ClientId, options.Username, options.Password, options.UseTls));
        Assert.Equal(("mqtt.hall", TimeSpan.FromSeconds(30), "3.1.1"), (options.TlsServerName, options.KeepAlive, options.ProtocolVersion));
        Assert.Equal(("hall/h1/devices/kiosk-1/status", "{\"online\":false}", true), (options.WillTopic, options.WillPayload, options.WillRetain));
        Assert.Equal((TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1)), (options.ReconnectMinDelay, options.ReconnectMaxDelay));
        Assert.Equal((TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(3)), (options.ConnectTimeout, options.PublishTimeout, options.RequestTimeout));
        Assert.Equal(("rr", false), (options.ReplyTopicPrefix, options.RestrictReplyTopics));
        Assert.Empty(MqttConnectionOptionsValidator.Check(options));
    }

    [Fact]
    public void The_standard_configuration_binder_gives_the_same_result()
    {
        // Apps may use services.AddOptions<MqttConnectionOptions>().BindConfiguration("Mqtt") instead.
        var config = Config(("Mqtt:Port", "1884"), ("Mqtt:ProtocolVersion", "3.1.1"), ("Mqtt:KeepAlive", "00:00:30"));
        var options = config.GetSection("Mqtt").Get<MqttConnectionOptions>()!;

        Assert.Equal((1884, "3.1.1", TimeSpan.FromSeconds(30)), (options.Port, options.ProtocolVersion, options.KeepAlive));
    }

    [Fact]
    public void A_malformed_value_names_its_key()
    {
        var ex = Assert.Throws<InvalidOperationException>(() =>
            MqttConnectionOptionsBinder.Bind(Config(("Mqtt:Port", "eighty")).GetSection("Mqtt"), new MqttConnectionOptions()));

        Assert.Contains("Mqtt:Port", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Host", "")]
    [InlineData("Port", "70000")]
    [InlineData("ClientId", "a+b")]
    [InlineData("ProtocolVersion", "3.1")]
    [InlineData("Password", "only-password")]
    [InlineData("WillPayload", "no-topic")]
    [InlineData("ReconnectMinDelay", "00:00:00")]
    [InlineData("ReconnectMaxDelay", "00:00:00.1")]
    [InlineData("CaCertificatePath", "/nonexistent/ca.pem")]
    [InlineData("ReplyTopicPrefix", "reply/#")]
    public void The_validator_rejects_each_bad_value(string key, string value)
    {
        var options = new MqttConnectionOptions();
        MqttConnectionOptionsBinder.Bind(Config(($"Mqtt:{key}", value), ("Mqtt:UseTls", key == "CaCertificatePath" ? "true" : "false")).GetSection("Mqtt"), options);

        var result = new MqttConnectionOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(key, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_are_valid()
    {
        Assert.Empty(MqttConnectionOptionsValidator.Check(new MqttConnectionOptions()));
    }

    [Fact]
    public async Task AddHallMqttClient_registers_one_client_as_a_hosted_service_and_validates_on_start()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection([new("Mqtt:Port", "1884"), new("Mqtt:ClientId", "display-1")]);
        builder.Services.AddHallMqttClient(builder.Configuration, o => o.Host = "127.0.0.1");
        using var host = builder.Build();

        var client = host.Services.GetRequiredService<HallMqttClient>();
        Assert.Equal("display-1", client.ClientId);
        Assert.Same(client, host.Services.GetServices<IHostedService>().OfType<HallMqttClient>().Single());
        Assert.Equal("127.0.0.1", host.Services.GetRequiredService<IOptions<MqttConnectionOptions>>().Value.Host);

        var bad = Host.CreateApplicationBuilder();
        bad.Configuration.AddInMemoryCollection([new("Mqtt:Port", "0")]);
        bad.Services.AddHallMqttClient(bad.Configuration);
        using var badHost = bad.Build();
        await Assert.ThrowsAsync<OptionsValidationException>(() => badHost.StartAsync());
    }
}
