using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using HallDevices.Messaging.Tests.Infrastructure;

namespace HallDevices.Messaging.Tests;

/// <summary>External-broker specifics: TLS with the hall's own CA. (Latency is measured by bench/, not by tests.)</summary>
public sealed class MosquittoTlsTests
{
    [Fact]
    public async Task Connects_over_tls_trusting_only_the_configured_ca()
    {
        string? caPath = null;
        await using var broker = new MosquittoBroker(Ports.Free(), dir =>
        {
            caPath = WriteCertificates(dir);
            return $"""
                cafile {Path.Combine(dir, "ca.pem")}
                certfile {Path.Combine(dir, "server.pem")}
                keyfile {Path.Combine(dir, "server.key")}
                """;
        });
        await broker.StartAsync();

        await using var client = await Clients.ConnectedAsync(broker.Port, configure: o =>
        {
            o.UseTls = true;
            o.CaCertificatePath = caPath;
        });
        var probe = new Probe();
        await client.SubscribeAsync("hall/h1/tls", probe.Handler);
        await client.PublishAsync("hall/h1/tls", "secret"u8.ToArray());
        Assert.Equal("secret", (await probe.NextAsync()).PayloadAsString());

        // Without the CA the broker's certificate is untrusted: no connection.
        await using var untrusting = new HallMqttClient(Clients.Options(broker.Port, configure: o => o.UseTls = true));
        await untrusting.StartAsync(CancellationToken.None);
        await Assert.ThrowsAsync<TimeoutException>(() => untrusting.WaitUntilConnectedAsync(TimeSpan.FromSeconds(1)));
    }

    /// <summary>A throwaway CA and a server certificate for 127.0.0.1/localhost, as PEM files.</summary>
    private static string WriteCertificates(string dir)
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=HallDevices Test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest("CN=localhost", serverKey, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        serverRequest.CertificateExtensions.Add(san.Build());
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var server = serverRequest.Create(ca, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(12), RandomNumberGenerator.GetBytes(8));

        var caPath = Path.Combine(dir, "ca.pem");
        File.WriteAllText(caPath, ca.ExportCertificatePem());
        File.WriteAllText(Path.Combine(dir, "server.pem"), server.ExportCertificatePem());
        File.WriteAllText(Path.Combine(dir, "server.key"), serverKey.ExportPkcs8PrivateKeyPem());

        // Mosquitto started as root drops to the 'mosquitto' user before it loads TLS files, and the
        // temp dir is private: open it up (throwaway test keys only).
        if (OperatingSystem.IsWindows())
        {
            return caPath;
        }

        File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                                  | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        foreach (var file in new[] { "ca.pem", "server.pem", "server.key" })
        {
            File.SetUnixFileMode(Path.Combine(dir, file), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        return caPath;
    }
}
