using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace HallDevices.Messaging.Connection;

/// <summary>
/// Turns <see cref="MqttConnectionOptions"/> into MQTTnet's <see cref="MqttClientOptions"/> for
/// each connection attempt: endpoint, protocol and clean start, credentials, last will, TLS with
/// an optional private CA, and <c>NoDelay</c>.
/// </summary>
internal sealed class MqttClientOptionsFactory
{
    private readonly MqttConnectionOptions _options;
    private readonly string _clientId;
    private readonly MqttProtocolVersion _protocol;
    private readonly X509Certificate2Collection? _caCertificates;

    /// <param name="options">Validated options (the client's own copy).</param>
    /// <param name="clientId">The client id in use (possibly generated).</param>
    /// <exception cref="System.Security.Cryptography.CryptographicException">The CA file is not PEM.</exception>
    public MqttClientOptionsFactory(MqttConnectionOptions options, string clientId)
    {
        _options = options;
        _clientId = clientId;
        _protocol = options.ParsedProtocolVersion;
        if (options.UseTls && !string.IsNullOrEmpty(options.CaCertificatePath))
        {
            // Read once: a bad path or file fails the client's construction, not every reconnect.
            _caCertificates = [];
            _caCertificates.ImportFromPemFile(options.CaCertificatePath);
        }
    }

    /// <summary>The private CA roots, when <see cref="MqttConnectionOptions.CaCertificatePath"/> is set.</summary>
    public X509Certificate2Collection? CaCertificates => _caCertificates;

    public MqttClientOptions Create()
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(_options.Host, _options.Port)
            .WithClientId(_clientId)
            .WithProtocolVersion(_protocol)
            .WithKeepAlivePeriod(_options.KeepAlive)
            .WithTimeout(_options.ConnectTimeout);

        // Clean session: subscriptions are renewed by this client after every connection, and a
        // broker-side session would only queue stale requests for a kiosk that was away.
        builder = _protocol == MqttProtocolVersion.V500 ? builder.WithCleanStart(true) : builder.WithCleanSession(true);

        if (!string.IsNullOrEmpty(_options.Username))
        {
            builder.WithCredentials(_options.Username, _options.Password ?? string.Empty);
        }

        if (!string.IsNullOrEmpty(_options.WillTopic))
        {
            builder.WithWillTopic(_options.WillTopic)
                .WithWillPayload(Encoding.UTF8.GetBytes(_options.WillPayload ?? string.Empty))
                .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .WithWillRetain(_options.WillRetain);
        }

        if (_options.UseTls)
        {
            builder.WithTlsOptions(tls =>
            {
                tls.UseTls(true).WithTargetHost(_options.TlsServerName ?? _options.Host);
                if (_caCertificates is not null)
                {
                    tls.WithCertificateValidationHandler(args => ValidateAgainstCa(args.SslPolicyErrors, args.Certificate, args.Chain, _caCertificates));
                }
            });
        }

        var options = builder.Build();

        // Nagle + delayed ACK add tens of milliseconds to every request/reply round trip
        // (docs/design.md §7; figures in docs/perf.md). MQTTnet defaults NoDelay to true today; set
        // it explicitly so a library default change cannot regress it.
        if (options.ChannelOptions is MqttClientTcpOptions tcp)
        {
            tcp.NoDelay = true;
        }

        return options;
    }

    /// <summary>
    /// Accepts a broker certificate that chains to <paramref name="roots"/> only (the system store is
    /// not consulted); only chain errors may be overridden by them, a name mismatch stays fatal.
    /// </summary>
    internal static bool ValidateAgainstCa(SslPolicyErrors errors, X509Certificate? presented, X509Chain? presentedChain, X509Certificate2Collection roots)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if ((errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != 0 || presented is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presentedChain is not null)
        {
            foreach (var element in presentedChain.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        var certificate = presented as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(presented.GetRawCertData());
        return chain.Build(certificate);
    }
}
