using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using HallDevices.Testing;

namespace HallDevices.QueueServer.Tests.Access;

/// <summary>
/// HTTPS as docs/http-api.md configures it (Kestrel's default certificate, PEM files): raw ID numbers
/// of remote tickets cross it, so the integration API must work over TLS with the hall's certificate.
/// </summary>
public sealed class HttpsTests
{
    [Fact]
    public async Task A_remote_ticket_with_an_id_number_is_taken_over_https_with_the_configured_certificate()
    {
        var dir = TempDir.Create("https");
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=queue-server.test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        await File.WriteAllTextAsync(Path.Combine(dir, "cert.pem"), certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(Path.Combine(dir, "key.pem"), key.ExportPkcs8PrivateKeyPem());
        await using var server = await ServerProcess.StartAsync(
            settings: new Dictionary<string, string>
            {
                ["Kestrel:Certificates:Default:Path"] = Path.Combine(dir, "cert.pem"),
                ["Kestrel:Certificates:Default:KeyPath"] = Path.Combine(dir, "key.pem"),
            },
            httpsPort: ServerProcess.FreePort());

        // Trust exactly the hall's certificate, as an integrator pins it.
        X509Certificate2? presented = null;
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, cert, _, _) =>
            {
                presented = cert is null ? null : X509CertificateLoader.LoadCertificate(cert.RawData);
                return cert?.Thumbprint == certificate.Thumbprint;
            },
        };
        using var platform = new HttpClient(handler) { BaseAddress = server.HttpsUri };
        platform.DefaultRequestHeaders.Add("X-Api-Key", StaffSessions.SampleApiKey);

        var answer = await platform.PostAsJsonAsync("/api/halls/xinqiao/tickets", new { serviceId = "pension-enrol", channel = "mobile", idNumber = "110105194912310021" });
        var ticket = (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ticket");

        Assert.True(answer.IsSuccessStatusCode, await answer.Content.ReadAsStringAsync());
        Assert.Equal("1101**********0021", ticket.GetProperty("maskedId").GetString());
        Assert.Equal(certificate.Thumbprint, presented?.Thumbprint);
        using var plain = new HttpClient();
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => plain.GetAsync(new Uri($"http://127.0.0.1:{server.HttpsPort}/health")));
    }
}
