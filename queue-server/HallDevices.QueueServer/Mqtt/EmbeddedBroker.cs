using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace HallDevices.QueueServer.Mqtt;

/// <summary>
/// The MQTTnet broker the server runs in its own process unless <c>Mqtt:Mode=External</c>.
/// Authenticates every client against <c>Mqtt:Accounts</c> and enforces <see cref="BrokerAcl"/> on
/// each publish and subscribe. The server's own client logs in with a per-process secret.
/// </summary>
public sealed class EmbeddedBroker(IOptions<BrokerOptions> options, ServerMetrics metrics, ILogger<EmbeddedBroker> log) : IHostedService, IAsyncDisposable
{
    private const string AccountKey = "account";
    private readonly BrokerOptions _options = options.Value;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, MqttAccount?> _accountByClient = new(StringComparer.Ordinal);
    private MqttServer? _server;

    /// <summary>The account the server's own MQTT client uses on this broker.</summary>
    public MqttAccount ServerAccount { get; } = new()
    {
        Username = "queue-server",
        Password = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)),
        Role = MqttRole.Server,
        HallId = "*",
    };

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_options.Mode != BrokerMode.Embedded)
        {
            return;
        }

        var builder = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Parse(_options.BindAddress))
            .WithDefaultEndpointPort(_options.Port)
            .WithMaxPendingMessagesPerClient(_options.MaxPendingMessagesPerClient);
        if (!string.IsNullOrEmpty(_options.Tls.CertificatePath))
        {
            builder.WithEncryptedEndpoint()
                .WithEncryptedEndpointBoundIPAddress(IPAddress.Parse(_options.BindAddress))
                .WithEncryptedEndpointPort(_options.Tls.Port)
                .WithEncryptionCertificate(LoadCertificate(_options.Tls));
        }

        var serverOptions = builder.Build();
        _server = new MqttServerFactory().CreateMqttServer(serverOptions);
        _server.ValidatingConnectionAsync += Authenticate;
        _server.InterceptingPublishAsync += AuthorizePublish;
        _server.InterceptingSubscriptionAsync += AuthorizeSubscription;
        _server.InterceptingClientEnqueueAsync += AuthorizeDelivery;
        _server.ClientConnectedAsync += e =>
        {
            _accountByClient[e.ClientId] = e.SessionItems[AccountKey] as MqttAccount;
            metrics.ClientConnected();
            return Task.CompletedTask;
        };
        _server.ClientDisconnectedAsync += e =>
        {
            _accountByClient.TryRemove(e.ClientId, out _);
            metrics.ClientDisconnected();
            return Task.CompletedTask;
        };
        try
        {
            await _server.StartAsync();
        }
        catch (System.Net.Sockets.SocketException e)
        {
            throw new StartupException($"the embedded MQTT broker cannot listen on {_options.BindAddress}:{_options.Port} ({e.Message}); set Mqtt:Port or stop what holds it", e);
        }

        log.LogInformation(
            "Embedded MQTT broker listening on {Address}:{Port}, {Accounts} accounts, {Pending} pending messages per client",
            _options.BindAddress, _options.Port, _options.Accounts.Count, _options.MaxPendingMessagesPerClient);
    }

    private static X509Certificate2 LoadCertificate(BrokerTlsOptions tls)
    {
        try
        {
            using var pem = X509Certificate2.CreateFromPemFile(tls.CertificatePath!, tls.KeyPath);

            // SslStream on Linux wants the key in a PKCS#12-backed certificate, not an ephemeral one.
            return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        }
        catch (Exception e) when (e is IOException or System.Security.Cryptography.CryptographicException or UnauthorizedAccessException)
        {
            throw new StartupException($"cannot load the broker certificate Mqtt:Tls:CertificatePath={tls.CertificatePath} / KeyPath={tls.KeyPath}: {e.Message}", e);
        }
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not null)
        {
            await _server.StopAsync();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await StopAsync(CancellationToken.None);
            _server.Dispose();
            _server = null;
        }
    }

    private MqttAccount? Find(string? username, string? password)
    {
        if (username == ServerAccount.Username)
        {
            return FixedTimeEquals(password, ServerAccount.Password) ? ServerAccount : null;
        }

        var account = _options.Accounts.FirstOrDefault(a => a.Username == username);
        return account is not null && FixedTimeEquals(password, account.Password) ? account : null;
    }

    private Task Authenticate(ValidatingConnectionEventArgs e)
    {
        if (string.IsNullOrEmpty(e.ClientId))
        {
            // mosquitto_sub and friends leave the id to the broker; MQTT 3.1.1 §3.1.3.1 allows it.
            e.AssignedClientIdentifier = "auto-" + Guid.NewGuid().ToString("N");
            e.ReasonCode = MqttConnectReasonCode.Success;
        }

        if (string.IsNullOrEmpty(e.UserName) && _options.AllowAnonymous)
        {
            return Task.CompletedTask;
        }

        var account = Find(e.UserName, e.Password);
        if (account is null)
        {
            log.LogWarning("MQTT login refused for user {User} from client {ClientId}", e.UserName ?? "(none)", e.ClientId);
            e.ReasonCode = MqttConnectReasonCode.BadUserNameOrPassword;
            return Task.CompletedTask;
        }

        e.SessionItems[AccountKey] = account;
        return Task.CompletedTask;
    }

    private Task AuthorizePublish(InterceptingPublishEventArgs e)
    {
        var account = e.SessionItems[AccountKey] as MqttAccount;
        var topic = e.ApplicationMessage.Topic;
        var allowed = BrokerAcl.CanPublish(account, e.ClientId, topic);
        if (allowed && account?.Role == MqttRole.Display && topic.EndsWith("/req/counter", StringComparison.Ordinal))
        {
            // A payload without a readable counterId goes through: the server answers it with a
            // clear error, which a refused PUBACK would not.
            var counterId = CounterIdOf(e.ApplicationMessage.Payload);
            allowed = counterId is null || BrokerAcl.CanActFor(account, counterId);
        }

        var size = e.ApplicationMessage.Payload.Length;
        if (allowed && size > _options.MaxMessageBytes)
        {
            // Said back in the PUBACK and logged, never passed on half-read or dropped silently.
            log.LogWarning("MQTT publish refused: {User} ({ClientId}) to {Topic} is {Bytes} bytes, over Mqtt:MaxMessageBytes {Limit}", account?.Username ?? "(anonymous)", e.ClientId, topic, size, _options.MaxMessageBytes);
            e.ProcessPublish = false;
            e.Response.ReasonCode = MqttPubAckReasonCode.QuotaExceeded;
            return Task.CompletedTask;
        }

        if (!allowed)
        {
            log.LogWarning("MQTT publish refused: {User} ({ClientId}) to {Topic}", account?.Username ?? "(anonymous)", e.ClientId, topic);
            metrics.AclDenied();
            e.ProcessPublish = false;
            e.Response.ReasonCode = MqttPubAckReasonCode.NotAuthorized;
        }

        return Task.CompletedTask;
    }

    private Task AuthorizeSubscription(InterceptingSubscriptionEventArgs e)
    {
        var account = e.SessionItems[AccountKey] as MqttAccount;
        if (!BrokerAcl.CanSubscribe(account, e.ClientId, e.TopicFilter.Topic))
        {
            log.LogWarning("MQTT subscribe refused: {User} ({ClientId}) to {Filter}", account?.Username ?? "(anonymous)", e.ClientId, e.TopicFilter.Topic);
            metrics.AclDenied();
            e.ProcessSubscription = false;
            e.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
        }

        return Task.CompletedTask;
    }

    private Task AuthorizeDelivery(InterceptingClientApplicationMessageEnqueueEventArgs e)
    {
        if (!BrokerAcl.CanReceive(_accountByClient.GetValueOrDefault(e.ReceiverClientId), e.ApplicationMessage.Topic))
        {
            e.AcceptEnqueue = false;
        }

        return Task.CompletedTask;
    }

    private static string? CounterIdOf(System.Buffers.ReadOnlySequence<byte> payload)
    {
        try
        {
            var reader = new Utf8JsonReader(payload);
            using var doc = JsonDocument.ParseValue(ref reader);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("counterId", out var c) && c.ValueKind == JsonValueKind.String
                ? c.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool FixedTimeEquals(string? given, string expected) =>
        given is not null && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(given), System.Text.Encoding.UTF8.GetBytes(expected));
}
