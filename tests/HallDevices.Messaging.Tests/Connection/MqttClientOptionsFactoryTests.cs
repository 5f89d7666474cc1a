using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using HallDevices.Messaging.Connection;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace HallDevices.Messaging.Tests.Connection;

public sealed class MqttClientOptionsFactoryTests
{
    [Fact]
    public void Mqtt_5_with_the_endpoint_timings_and_a_clean_start_and_no_credentials_will_or_tls_by_default()
    {
        var options = new MqttClientOptionsFactory(new MqttConnectionOptions
        {
            Host = "broker.hall",
            Port = 1884,
            KeepAlive = TimeSpan.FromSeconds(20),
            ConnectTimeout = TimeSpan.FromSeconds(3),
        }, "kiosk-01").Create();

        Assert.Equal("kiosk-01", options.ClientId);
        Assert.Equal(MqttProtocolVersion.V500, options.ProtocolVersion);
        Assert.True(options.CleanSession);
        Assert.Equal(TimeSpan.FromSeconds(20), options.KeepAlivePeriod);
        Assert.Equal(TimeSpan.FromSeconds(3), options.Timeout);
        var tcp = Assert.IsType<MqttClientTcpOptions>(options.ChannelOptions);
        var endpoint = Assert.IsType<DnsEndPoint>(tcp.RemoteEndpoint);
        Assert.Equal(("broker.hall", 1884), (endpoint.Host, endpoint.Port));
        Assert.True(tcp.NoDelay);
        Assert.False(tcp.TlsOptions.UseTls);
        Assert.Null(options.Credentials);
        Assert.Null(options.WillTopic);
    }

    [Fact]
    public void Mqtt_3_1_1_asks_for_a_clean_session()
    {
        var options = new MqttClientOptionsFactory(new MqttConnectionOptions { ProtocolVersion = "3.1.1" }, "display-01").Create();

        Assert.Equal(MqttProtocolVersion.V311, options.ProtocolVersion);
        Assert.True(options.CleanSession);
    }

    [Fact]
    public void Credentials_are_sent_when_a_user_name_is_set()
    {
        var options = new MqttClientOptionsFactory(new MqttConnectionOptions { Username = "kiosk-01", Password = "s3cret" }, "kiosk-01").Create();

        Assert.NotNull(options.Credentials);
        Assert.Equal("kiosk-01", options.Credentials.GetUserName(options));
        Assert.Equal("s3cret", Encoding.UTF8.GetString(options.Credentials.GetPassword(options)));
    }

    [Fact]
    public void The_last_will_is_qos_1_with_the_configured_payload_and_retain_flag()
    {
        var options = new MqttClientOptionsFactory(new MqttConnectionOptions
        {
            WillTopic = "hall/x/devices/kiosk-01/status",
            WillPayload = """{"online":false}""",
            WillRetain = true,
        }, "kiosk-01").Create();

        Assert.Equal("hall/x/devices/kiosk-01/status", options.WillTopic);
        Assert.Equal("""{"online":false}""", Encoding.UTF8.GetString(options.WillPayload));
        Assert.Equal(MqttQualityOfServiceLevel.AtLeastOnce, options.WillQualityOfServiceLevel);
        Assert.True(options.WillRetain);
    }

    [Fact]
    public void Tls_targets_the_server_name_and_validates_against_the_private_ca_when_one_is_given()
    {
        using var ca = Certificates.CreateCa("Hall CA");
        var caPath = Path.Combine(Path.GetTempPath(), $"hall-ca-{Guid.NewGuid():N}.pem");
        File.WriteAllText(caPath, ca.ExportCertificatePem());
        try
        {
            var plain = new MqttClientOptionsFactory(new MqttConnectionOptions { Host = "10.0.0.5", UseTls = true }, "k").Create();
            var plainTls = ((MqttClientTcpOptions)plain.ChannelOptions).TlsOptions;
            Assert.True(plainTls.UseTls);
            Assert.Equal("10.0.0.5", plainTls.TargetHost);
            Assert.Null(plainTls.CertificateValidationHandler);

            var factory = new MqttClientOptionsFactory(new MqttConnectionOptions { Host = "10.0.0.5", UseTls = true, TlsServerName = "broker.hall", CaCertificatePath = caPath }, "k");
            var tls = ((MqttClientTcpOptions)factory.Create().ChannelOptions).TlsOptions;
            Assert.Equal("broker.hall", tls.TargetHost);
            Assert.NotNull(tls.CertificateValidationHandler);
            Assert.Equal(ca.Thumbprint, Assert.Single(factory.CaCertificates!).Thumbprint);
        }
        finally
        {
            File.Delete(caPath);
        }
    }

    [Fact]
    public void The_private_ca_overrides_chain_errors_only_for_certificates_it_signed_and_never_a_name_mismatch()
    {
        using var ca = Certificates.CreateCa("Hall CA");
        using var otherCa = Certificates.CreateCa("Other CA");
        using var broker = Certificates.CreateLeaf(ca, "broker.hall");
        using var stranger = Certificates.CreateLeaf(otherCa, "broker.hall");
        var roots = new X509Certificate2Collection(X509CertificateLoader.LoadCertificate(ca.RawData));

        Assert.True(MqttClientOptionsFactory.ValidateAgainstCa(SslPolicyErrors.None, stranger, null, roots));
        Assert.True(MqttClientOptionsFactory.ValidateAgainstCa(SslPolicyErrors.RemoteCertificateChainErrors, broker, null, roots));
        Assert.False(MqttClientOptionsFactory.ValidateAgainstCa(SslPolicyErrors.RemoteCertificateChainErrors, stranger, null, roots));
        Assert.False(MqttClientOptionsFactory.ValidateAgainstCa(SslPolicyErrors.RemoteCertificateChainErrors | SslPolicyErrors.RemoteCertificateNameMismatch, broker, null, roots));
        Assert.False(MqttClientOptionsFactory.ValidateAgainstCa(SslPolicyErrors.RemoteCertificateChainErrors, null, null, roots));
    }

    private static class Certificates
    {
        public static X509Certificate2 CreateCa(string name)
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
            return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        }

        public static X509Certificate2 CreateLeaf(X509Certificate2 issuer, string host)
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest($"CN={host}", key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
            var san = new SubjectAlternativeNameBuilder();
            san.AddDnsName(host);
            request.CertificateExtensions.Add(san.Build());
            return request.Create(issuer, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(7), RandomNumberGenerator.GetBytes(8));
        }
    }
}
