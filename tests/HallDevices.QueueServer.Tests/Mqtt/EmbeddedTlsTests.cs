using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using HallDevices.Messaging;
using HallDevices.Testing;

namespace HallDevices.QueueServer.Tests.Mqtt;

public class EmbeddedTlsTests
{
    [Fact]
    public async Task Devices_reach_the_embedded_broker_over_tls_trusting_the_halls_ca_only()
    {
        var dir = TempDir.Create("tls");
        var ca = WriteCertificates(dir);
        var tlsPort = ServerProcess.FreePort();
        await using var server = await ServerProcess.StartAsync(settings: new Dictionary<string, string>
        {
            ["Mqtt:Tls:Port"] = tlsPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mqtt:Tls:CertificatePath"] = Path.Combine(dir, "broker.pem"),
            ["Mqtt:Tls:KeyPath"] = Path.Combine(dir, "broker.key"),
        });

        await using var kiosk = new HallMqttClient(Options(tlsPort, ca));
        await kiosk.StartAsync(CancellationToken.None);
        await kiosk.WaitUntilConnectedAsync(TimeSpan.FromSeconds(10));
        var reply = await kiosk.RequestAsync("ticket", new { requestId = Guid.NewGuid().ToString("N"), serviceId = "consultation" });
        Assert.Equal("ok", reply.Code());

        // Without the hall's CA the broker's certificate is not trusted: no connection.
        await using var stranger = new HallMqttClient(Options(tlsPort, caPath: null));
        await stranger.StartAsync(CancellationToken.None);
        await Assert.ThrowsAsync<TimeoutException>(() => stranger.WaitUntilConnectedAsync(TimeSpan.FromSeconds(2)));
    }

    private static MqttConnectionOptions Options(int port, string? caPath) => new()
    {
        Host = "127.0.0.1",
        Port = port,
        ClientId = "kiosk-01-tls",
        Username = Sample.Kiosk.User,
        Password = Sample.Kiosk.Password,
        UseTls = true,
        CaCertificatePath = caPath,
        ConnectTimeout = TimeSpan.FromSeconds(2),
        ReconnectMinDelay = TimeSpan.FromMilliseconds(100),
        ReconnectMaxDelay = TimeSpan.FromMilliseconds(500),
    };

    /// <summary>A throwaway hall CA and a broker certificate for 127.0.0.1, as PEM files.</summary>
    private static string WriteCertificates(string dir)
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Hall Test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var cert = request.Create(ca, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(12), RandomNumberGenerator.GetBytes(8));

        File.WriteAllText(Path.Combine(dir, "ca.pem"), ca.ExportCertificatePem());
        File.WriteAllText(Path.Combine(dir, "broker.pem"), cert.ExportCertificatePem());
        File.WriteAllText(Path.Combine(dir, "broker.key"), key.ExportPkcs8PrivateKeyPem());
        return Path.Combine(dir, "ca.pem");
    }
}
